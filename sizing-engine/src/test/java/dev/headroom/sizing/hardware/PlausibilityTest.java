package dev.headroom.sizing.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of issue 16 (an 8 EiB GPU, free above total, available RAM above total) and a sane host. */
class PlausibilityTest {
    static final CpuInfo CPU = new CpuInfo("x", "x", 8, 16, 16, List.of("avx2"));
    static final long GIB = 1L << 30;
    static final MemoryInfo RAM = new MemoryInfo(64 * GIB, 40 * GIB, MemoryInfo.NO_LIMIT, 0);

    static HardwareProfile host(MemoryInfo memory, GpuInfo... gpus) {
        return new HardwareProfile("h", "linux", CPU, memory, List.of(gpus), List.of("probe note"));
    }

    @Test
    void aSaneProfileIsReturnedUntouched() {
        // An RTX 4090: 24564 MiB total, as nvidia-smi prints it.
        HardwareProfile p = host(RAM, new GpuInfo(0, "NVIDIA", "RTX 4090", 24564L << 20, 20000L << 20, false, "nvidia-smi"));
        assertThat(Plausibility.check(p)).isSameAs(p);
    }

    @Test
    void anEightExbibyteGpuIsFlaggedWithLowConfidenceNotTrusted() {
        // Long.MAX_VALUE bytes: the 8 EiB a hostile nvidia-smi row gave in issue 16.
        HardwareProfile p = host(RAM, new GpuInfo(0, "NVIDIA", "fake", Long.MAX_VALUE, GpuInfo.UNKNOWN, false, "nvidia-smi"));
        HardwareProfile checked = Plausibility.check(p);
        assertThat(checked.gpus().get(0).confidence()).isEqualTo(Confidence.LOW);
        assertThat(checked.gpus().get(0).note()).contains("above 8 TiB");
        assertThat(checked.warnings()).contains("probe note").anyMatch(w -> w.startsWith("implausible: GPU 0 (fake, nvidia-smi)"));
        assertThat(checked.readings()).anyMatch(r -> r.fact().equals("gpu0.memoryTotalBytes") && r.confidence() == Confidence.LOW);
    }

    @Test
    void freeAboveTotalIsClampedAndSaid() {
        HardwareProfile p = host(RAM, new GpuInfo(0, "NVIDIA", "g", 24 * GIB, 48 * GIB, false, "nvidia-smi"));
        GpuInfo g = Plausibility.check(p).gpus().get(0);
        assertThat(g.memoryFreeBytes()).isEqualTo(24 * GIB);
        assertThat(g.confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void availableRamAboveTotalIsClampedAndSaid() {
        HardwareProfile checked = Plausibility.check(host(new MemoryInfo(16 * GIB, 32 * GIB, MemoryInfo.NO_LIMIT, 0)));
        assertThat(checked.memory().availableBytes()).isEqualTo(16 * GIB);
        assertThat(checked.warnings()).anyMatch(w -> w.contains("available RAM") && w.contains("above total"));
        assertThat(checked.readings()).anyMatch(r -> r.fact().equals("memory.availableBytes") && r.confidence() == Confidence.LOW);
    }

    @Test
    void aFloodOfGpusIsCut() {
        GpuInfo[] many = new GpuInfo[500];
        for (int i = 0; i < many.length; i++) {
            many[i] = new GpuInfo(i, "NVIDIA", "g", 24 * GIB, 20 * GIB, false, "nvidia-smi");
        }
        HardwareProfile checked = Plausibility.check(host(RAM, many));
        assertThat(checked.gpus()).hasSize(Plausibility.MAX_GPUS);
        assertThat(checked.warnings()).anyMatch(w -> w.contains("more than 64 GPUs"));
    }
}
