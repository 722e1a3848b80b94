package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.CpuCaches;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.DiskInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.hardware.Reading;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code headroom probe} on this machine (real OSHI probe) and the JSON shape of a profile with a GPU. */
class ProbeCommandTest {
    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void probeJsonHasTheFieldsSavedProfilesAreReadBackWith() throws Exception {
        CommandRun r = run("probe", "--json");
        assertThat(r.code()).isZero();
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertThat(root.at("/cpu/logicalCores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(root.at("/cpu/features").isArray()).isTrue();
        long memTotalKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
        assertThat(root.at("/memory/totalBytes").asLong()).isEqualTo(memTotalKib * 1024);
        assertThat(root.at("/memory/availableBytes").asLong()).isPositive();
        assertThat(root.at("/memory").has("limitBytes")).isTrue();
        assertThat(root.get("gpus").isArray()).isTrue();
        assertThat(root.get("warnings").isArray()).isTrue();
        assertThat(root.get("disks").findValuesAsText("purpose")).contains("huggingface", "ollama", "working-dir");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theSummaryNamesCpuRamAndWhyThereIsNoGpu() {
        CommandRun r = run("probe");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("CPU    ", "RAM    ", "Disk   huggingface");
        assertThat(r.out()).containsAnyOf("GPU    none", "GPU 0  ");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void aGpuIsWrittenWithSourceConfidenceAndNullsForWhatIsUnknown() throws Exception {
        GpuInfo gb10 = new GpuInfo(0, "NVIDIA", "NVIDIA GB10", 120L << 30, GpuInfo.UNKNOWN, true, "nvidia-smi", "12.1", 0, 0,
                "", Confidence.LOW, "size taken from host RAM");
        HardwareProfile hw = new HardwareProfile("h", "Linux", new CpuInfo("ARM", "Cortex-X925", 20, 20, 20, List.of("neon", "sve2"),
                "Cortex-X925", 10, 10, 3_900_000_000L, new CpuCaches(65536, 2L << 20, 0)),
                new MemoryInfo(128L << 30, 100L << 30, MemoryInfo.NO_LIMIT, 0, 16L << 30, 16L << 30, 0, ""), List.of(gb10),
                List.of("rocm-smi not on PATH"), List.of(new DiskInfo("working-dir", "/w", 1L << 40, 2L << 40)),
                List.of(new Reading("gpu0.memoryTotalBytes", "nvidia-smi", Confidence.LOW)));
        JsonNode n = Json.MAPPER.readTree(Json.write(Json.hardware(hw)));
        assertThat(n.at("/gpus/0/name").asText()).isEqualTo("NVIDIA GB10");
        assertThat(n.at("/gpus/0/memoryTotalBytes").asLong()).isEqualTo(120L << 30);
        assertThat(n.at("/gpus/0/memoryFreeBytes").isNull()).isTrue();
        assertThat(n.at("/gpus/0/source").asText()).isEqualTo("nvidia-smi");
        assertThat(n.at("/gpus/0/confidence").asText()).isEqualTo("low");
        assertThat(n.at("/gpus/0/computeCapability").asText()).isEqualTo("12.1");
        assertThat(n.at("/gpus/0/bandwidthBytesPerSecond").isNull()).isTrue();
        assertThat(n.at("/memory/limitBytes").isNull()).isTrue();
        assertThat(n.at("/memory/swapTotalBytes").asLong()).isEqualTo(16L << 30);
        assertThat(n.at("/cpu/performanceCores").asInt()).isEqualTo(10);
        assertThat(n.at("/cpu/maxFrequencyHz").asLong()).isEqualTo(3_900_000_000L);
        assertThat(n.at("/cpu/caches/l3Bytes").isNull()).isTrue();
        assertThat(n.at("/readings/0/source").asText()).isEqualTo("nvidia-smi");
        assertThat(n.at("/warnings/0").asText()).isEqualTo("rocm-smi not on PATH");

        StringWriter text = new StringWriter();
        ProbeCommand.printSummary(new PrintWriter(text), hw);
        assertThat(text.toString()).contains("GPU 0  NVIDIA GB10, 120.00 GiB usable of unified memory, free unknown, compute capability 12.1 (nvidia-smi, low confidence)")
                .contains("(10 performance + 10 efficiency)").contains("up to 3.90 GHz").contains("swap 16.00 GiB");
    }
}
