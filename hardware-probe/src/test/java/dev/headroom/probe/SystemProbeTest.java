package dev.headroom.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.command.CommandRunner;
import dev.headroom.probe.cpu.ProcCpuinfo;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real probe on this machine (OSHI, /proc, /sys), and with fake tools first on its search path. */
class SystemProbeTest {
    @TempDir
    Path bin;

    static long memTotalBytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow() * 1024;
    }

    static int nproc() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nproc").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        p.waitFor();
        return Integer.parseInt(out);
    }

    /** The real machine, but with only {@code bin} as the tool search path. */
    ProbeSettings withFakeTools(Duration timeout) {
        return ProbeSettings.fromEnvironment().withRunner(new CommandRunner(List.of(bin), timeout));
    }

    @Test
    void theRealProbeMatchesProcMeminfoAndNproc() throws Exception {
        HardwareProfile hw = new SystemProbe().probe();
        assertThat(hw.memory().totalBytes()).isEqualTo(memTotalBytes());
        assertThat(hw.memory().availableBytes()).isPositive().isLessThanOrEqualTo(hw.memory().totalBytes());
        assertThat(hw.cpu().logicalCores()).isEqualTo(nproc());
        assertThat(hw.cpu().features()).isEqualTo(ProcCpuinfo.parse(Files.readString(Path.of("/proc/cpuinfo"))).features());
        assertThat(hw.disks()).extracting(d -> d.purpose()).containsExactly("huggingface", "ollama", "working-dir");
        assertThat(hw.readings()).anySatisfy(r -> assertThat(r.fact()).isEqualTo("memory.totalBytes"));
    }

    @Test
    void aHungNvidiaSmiOnThePathCannotHoldTheProbePastItsBound() {
        Fixtures.script(bin, "nvidia-smi", "sleep 30");
        long start = System.nanoTime();
        HardwareProfile hw = new SystemProbe(withFakeTools(Duration.ofSeconds(1))).probe();
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 1 s command limit, then the kill; the rest is OSHI. Far below the fake tool's 30 s.
        assertThat(millis).isLessThan(8_000);
        assertThat(hw.warnings()).contains("nvidia-smi unavailable: nvidia-smi timed out after 1 s and was killed");
        assertThat(hw.gpus()).isEmpty();
    }

    @Test
    void aGpuSeenByAFakeRocmSmiArrivesWithItsSourceAndConfidence() {
        Fixtures.printing(bin, "rocm-smi", "rocm-smi/rx7900xt-showproductname-showuse-meminfo.json");
        HardwareProfile hw = new SystemProbe(withFakeTools(Duration.ofSeconds(3))).probe();
        assertThat(hw.gpus()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("Radeon RX 7900 XT");
            assertThat(g.source()).isEqualTo("rocm-smi");
            assertThat(g.confidence()).isEqualTo(Confidence.HIGH);
        });
        assertThat(hw.warnings()).noneMatch(w -> w.contains("rocm-smi"));
        assertThat(hw.readings()).anySatisfy(r -> assertThat(r.source()).isEqualTo("rocm-smi"));
    }

    @Test
    void anNvidiaGpuSeenByAFakeNvidiaSmiKeepsItsComputeCapabilityAndPciId() {
        // The field order of NvidiaSmiGpuSource.FIELDS; the values of an RTX 4090.
        Fixtures.script(bin, "nvidia-smi", "echo '0, NVIDIA GeForce RTX 4090, 24564, 23012, 8.9, 0x268410DE'");
        HardwareProfile hw = new SystemProbe(withFakeTools(Duration.ofSeconds(3))).probe();
        assertThat(hw.gpus()).singleElement().satisfies(g -> {
            assertThat(g.computeCapability()).isEqualTo("8.9");
            assertThat(g.pciId()).isEqualTo("10de:2684");
            assertThat(g.memoryTotalBytes()).isEqualTo(24564L << 20);
            assertThat(g.source()).isEqualTo("nvidia-smi");
        });
        // The CUDA driver source did not apply here, but nvidia-smi covered NVIDIA: no note about it.
        assertThat(hw.warnings()).noneMatch(w -> w.contains("NVIDIA driver") || w.contains("nvidia-smi"));
    }

    @Test
    void asRootAFakeDmidecodeGivesModulesAndABandwidthEstimate() {
        Fixtures.printing(bin, "dmidecode", "dmidecode/ddr5-two-modules-one-empty-slot.txt");
        HardwareProfile hw = new SystemProbe(withFakeTools(Duration.ofSeconds(3)).withRoot(true)).probe();
        assertThat(hw.memory().modules()).isEqualTo("2 × mixed modules (dmidecode)");
        assertThat(hw.memory().bandwidthBytesPerSecond()).isEqualTo(80.0e9);
        HardwareProfile notRoot = new SystemProbe(withFakeTools(Duration.ofSeconds(3)).withRoot(false)).probe();
        assertThat(notRoot.memory().modules()).isEmpty();
        assertThat(notRoot.readings()).anySatisfy(r -> assertThat(r.source()).isEqualTo("unknown: dmidecode needs root"));
    }

    @Test
    void aContainerLimitCapsTheMemoryAndCpusTheEngineUses() {
        HardwareProfile hw = new SystemProbe(Fixtures.path("cgroup/v2-container-4g")).probe();
        assertThat(hw.memory().limitBytes()).isEqualTo(4L << 30);
        assertThat(hw.memory().effectiveTotalBytes()).isEqualTo(Math.min(4L << 30, hw.memory().totalBytes()));
        assertThat(hw.memory().effectiveAvailableBytes()).isLessThanOrEqualTo(3L << 30);
        assertThat(hw.cpu().effectiveCores()).isEqualTo(Math.min(1.5, hw.cpu().logicalCores()));
        assertThat(hw.readings()).anySatisfy(r -> assertThat(r.source()).startsWith("cgroup ").endsWith("memory.max"));
    }

    @Test
    void aUnifiedMemoryGpuWithoutItsOwnSizeCanUseWhatTheContainerLeaves() {
        GpuInfo gb10 = new GpuInfo(0, "NVIDIA", "NVIDIA GB10", 0, GpuInfo.UNKNOWN, true, "nvidia-smi", "12.1", 0, 0, "",
                Confidence.LOW, "nvidia-smi reports no memory size ([N/A])");
        MemoryInfo host = new MemoryInfo(128L << 30, 100L << 30, 64L << 30, 4L << 30);
        GpuInfo filled = SystemProbe.fillUnified(gb10, host);
        assertThat(filled.memoryTotalBytes()).isEqualTo(64L << 30);
        assertThat(filled.memoryFreeBytes()).isEqualTo(60L << 30);
        assertThat(filled.note()).contains("host RAM");
        GpuInfo discrete = new GpuInfo(0, "NVIDIA", "RTX 4090", 24L << 30, 20L << 30, false, "jcuda");
        assertThat(SystemProbe.fillUnified(discrete, host)).isSameAs(discrete);
    }

    @Test
    void effectiveCoresAreTheFewestOfHostQuotaAndAffinity() {
        assertThat(SystemProbe.effectiveCores(64, -1, 64)).isEqualTo(64);
        assertThat(SystemProbe.effectiveCores(64, 1.5, 64)).isEqualTo(1.5);
        // docker --cpuset-cpus=0-3 with no quota: the JVM sees 4.
        assertThat(SystemProbe.effectiveCores(64, -1, 4)).isEqualTo(4);
        assertThat(SystemProbe.effectiveCores(64, 8, 4)).isEqualTo(4);
    }

    @Test
    void settingsFromTheEnvironmentUseTheRealRootsAndPath() {
        ProbeSettings s = ProbeSettings.fromEnvironment();
        assertThat(s.procRoot()).isEqualTo(Path.of("/proc"));
        assertThat(s.env()).isEqualTo(Map.copyOf(System.getenv()));
        assertThat(s.gpuBudget()).isGreaterThan(s.runner().timeout());
    }
}
