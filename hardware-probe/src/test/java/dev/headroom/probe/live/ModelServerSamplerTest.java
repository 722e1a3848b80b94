package dev.headroom.probe.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner on a /proc tree laid out as the kernel's Documentation/filesystems/proc.rst describes it
 * ({@code cmdline}: NUL-separated arguments; {@code status}: {@code VmRSS}, {@code RssAnon}, {@code RssShmem} in kB).
 */
class ModelServerSamplerTest {
    static void process(Path proc, long pid, String status, String... argv) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.write(dir.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("status"), status);
    }

    static String status(long vmRssKib, long anonKib, long fileKib, long shmemKib) {
        return "Name:\tx\nState:\tS (sleeping)\nVmRSS:\t" + vmRssKib + " kB\nRssAnon:\t" + anonKib + " kB\nRssFile:\t"
                + fileKib + " kB\nRssShmem:\t" + shmemKib + " kB\n";
    }

    @Test
    void findsServersWithTheirHostAndGpuMemoryAndIgnoresOtherProcesses(@TempDir Path proc) throws Exception {
        // vLLM TP=2 over two GPUs (vllm-project/vllm issue #7553 shape), a CPU llama-server with a mmapped model, a shell.
        process(proc, 100, status(4_000_000, 3_000_000, 900_000, 100_000),
                "python", "-m", "vllm.entrypoints.openai.api_server", "--model", "/models/Yi-1.5-34B-Chat", "--tensor-parallel-size", "2");
        process(proc, 200, status(40_000_000, 1_000_000, 39_000_000, 0), "/opt/llama.cpp/llama-server", "-m", "/m/qwen2.5-7b-q4_k_m.gguf");
        process(proc, 300, status(5_000, 4_000, 1_000, 0), "/bin/bash");
        Files.createDirectories(proc.resolve("self"));
        List<GpuProcess> gpu = List.of(new GpuProcess(0, 100, "python", 23859L << 20), new GpuProcess(1, 100, "python", 23859L << 20),
                new GpuProcess(0, 300, "/bin/bash", 100L << 20));
        ModelServers s = ModelServerSampler.scan(proc, gpu);
        assertThat(s.servers()).extracting(ModelServer::pid).containsExactly(100L, 200L);
        ModelServer vllm = s.servers().get(0);
        assertThat(vllm.runtime()).isEqualTo(ModelRuntime.VLLM);
        assertThat(vllm.commandLine()).startsWith("python -m vllm.entrypoints.openai.api_server --model /models/Yi-1.5-34B-Chat");
        // RssAnon + RssShmem: 3,000,000 + 100,000 kB; file-backed pages are already in MemAvailable.
        assertThat(vllm.residentBytes()).isEqualTo(3_100_000L << 10);
        assertThat(vllm.gpuBytes()).containsEntry(0, 23859L << 20).containsEntry(1, 23859L << 20);
        assertThat(s.gpuBytes(0)).isEqualTo(23859L << 20);
        assertThat(s.servers().get(1).residentBytes()).isEqualTo(1_000_000L << 10);
        assertThat(s.residentBytes()).isEqualTo(4_100_000L << 10);
        assertThat(s.truncated()).isFalse();
    }

    @Test
    void aGpuProcessInAnotherPidNamespaceIsRecognisedByTheDriversName(@TempDir Path proc) {
        ModelServers s = ModelServerSampler.scan(proc.resolve("absent"),
                List.of(new GpuProcess(0, 4242, "/usr/bin/ollama", 5000L << 20), new GpuProcess(0, 4243, "./gpu_burn", 1L << 30)));
        assertThat(s.servers()).singleElement().satisfies(x -> {
            assertThat(x.runtime()).isEqualTo(ModelRuntime.OLLAMA);
            assertThat(x.residentBytes()).isZero();
            assertThat(x.gpuTotalBytes()).isEqualTo(5000L << 20);
        });
    }

    @Test
    void oldKernelsWithoutRssAnonFallBackToVmRssAndHugeFilesAreReadOnlyInPart(@TempDir Path proc) throws Exception {
        process(proc, 10, "VmRSS:\t2048 kB\n", "llama-server", "-m", "x.gguf");
        Path dir = Files.createDirectories(proc.resolve("11"));
        byte[] big = new byte[1 << 20];
        java.util.Arrays.fill(big, (byte) 'a');
        System.arraycopy("ollama\0serve\0".getBytes(StandardCharsets.UTF_8), 0, big, 0, 13);
        Files.write(dir.resolve("cmdline"), big);
        ModelServers s = ModelServerSampler.scan(proc, List.of());
        assertThat(s.servers()).extracting(ModelServer::pid).containsExactlyInAnyOrder(10L, 11L);
        assertThat(s.servers().stream().filter(x -> x.pid() == 10).findFirst().orElseThrow().residentBytes()).isEqualTo(2048L << 10);
        assertThat(s.servers().stream().filter(x -> x.pid() == 11).findFirst().orElseThrow().commandLine().length())
                .isLessThanOrEqualTo(ModelServerSampler.MAX_COMMAND_LINE_CHARS);
    }

    @Test
    void serversBeyondTheCapAreDroppedSmallestFirst(@TempDir Path proc) throws Exception {
        for (int pid = 1; pid <= ModelServerSampler.MAX_SERVERS + 10; pid++) {
            process(proc, pid, status(pid, pid, 0, 0), "llama-server");
        }
        ModelServers s = ModelServerSampler.scan(proc, List.of());
        assertThat(s.servers()).hasSize(ModelServerSampler.MAX_SERVERS);
        assertThat(s.truncated()).isTrue();
        assertThat(s.servers().get(0).pid()).isEqualTo(ModelServerSampler.MAX_SERVERS + 10L);
    }

    @Test
    void scansAreSpacedByTheRefreshIntervalUnlessTheGpuProcessesChanged(@TempDir Path proc) throws Exception {
        AtomicLong now = new AtomicLong();
        ModelServerSampler sampler = new ModelServerSampler(proc, 2_000, now::get);
        assertThat(sampler.sample(List.of()).servers()).isEmpty();
        process(proc, 5, status(1, 1, 0, 0), "llama-server");
        now.set(1_000);
        assertThat(sampler.sample(List.of()).servers()).isEmpty();
        assertThat(sampler.sample(List.of(new GpuProcess(0, 5, "llama-server", 1 << 20))).servers()).hasSize(1);
        now.set(3_500);
        assertThat(sampler.sample(List.of()).servers()).hasSize(1);
        assertThat(sampler.lastWarning()).isEmpty();
    }

    @Test
    void aReadThatBlocksCostsOneLateScanNotAHungSampler(@TempDir Path proc) throws Exception {
        // A FIFO blocks open() until a writer comes, as a /proc read can block on a process stuck in the kernel.
        Path dir = Files.createDirectories(proc.resolve("1"));
        Path fifo = dir.resolve("cmdline");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        AtomicLong now = new AtomicLong();
        ModelServerSampler sampler = new ModelServerSampler(proc, 2_000, now::get);
        long start = System.nanoTime();
        assertThat(sampler.sample(List.of()).servers()).isEmpty();
        assertThat(sampler.lastWarning()).contains("took longer than 1000 ms");
        now.set(5_000);
        long second = System.nanoTime();
        sampler.sample(List.of());
        assertThat(sampler.lastWarning()).contains("still running");
        assertThat((System.nanoTime() - second) / 1_000_000).as("a late scan is not waited for twice").isLessThan(500);
        assertThat((System.nanoTime() - start) / 1_000_000).as("two samples, each bounded").isLessThan(10_000);
        // Only one scan thread is blocked on the FIFO, however many samples were taken.
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("headroom-model-server-scan")))
                .hasSizeGreaterThanOrEqualTo(1).hasSizeLessThanOrEqualTo(1);
        Files.write(fifo, "llama-server\0".getBytes(StandardCharsets.UTF_8));
        now.set(10_000);
        Thread.sleep(200);
        assertThat(sampler.sample(List.of()).servers()).extracting(ModelServer::runtime).containsExactly(ModelRuntime.LLAMA_CPP);
        Files.write(fifo, new byte[0]); // release the scan started by the last sample
    }
}
