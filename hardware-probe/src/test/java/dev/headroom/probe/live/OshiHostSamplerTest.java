package dev.headroom.probe.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.hardware.MemoryInfo;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OshiHostSamplerTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(OshiHostSamplerTest.class.getResource("/fixtures/live/" + name).toURI());
    }

    private static long meminfoKib(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(key + " missing from /proc/meminfo");
    }

    @Test
    void readsThisMachinesMemoryAsProcMeminfoReportsIt() throws IOException {
        HostSample s = new OshiHostSampler(Path.of("/nonexistent-cgroup"), GpuSampler.NONE).sample();
        assertThat(s.memory().totalBytes()).isEqualTo(meminfoKib("MemTotal") * 1024);
        // MemAvailable moves between the two reads; other builds share this machine: allow 512 MiB.
        assertThat(s.memory().availableBytes()).isCloseTo(meminfoKib("MemAvailable") * 1024, org.assertj.core.data.Offset.offset(512L << 20));
        assertThat(s.memory().hasLimit()).isFalse();
        assertThat(s.cpuUtilizationRatio()).isBetween(0.0, 1.0);
        assertThat(s.gpus()).isEmpty();
    }

    @Test
    void cpuUtilisationIsMeasuredBetweenConsecutiveSamples() throws InterruptedException {
        OshiHostSampler sampler = new OshiHostSampler(Path.of("/nonexistent-cgroup"), GpuSampler.NONE);
        long end = System.nanoTime() + 300_000_000L;
        double spin = 0;
        while (System.nanoTime() < end) {
            spin += Math.sqrt(spin + 1);
        }
        HostSample busy = sampler.sample();
        assertThat(spin).isPositive();
        // One of this machine's cores was busy spinning for 300 ms.
        assertThat(busy.cpuUtilizationRatio()).isGreaterThan(0.2);
    }

    @Test
    void aCgroupV2LimitCapsTheMemoryAModelCanUse() throws URISyntaxException {
        MemoryInfo m = new OshiHostSampler(fixture("cgroup-v2-limited"), GpuSampler.NONE).sample().memory();
        assertThat(m.limitBytes()).isEqualTo(4L << 30);
        assertThat(m.limitUsedBytes()).isEqualTo(1L << 30);
        assertThat(m.effectiveAvailableBytes()).isLessThanOrEqualTo(3L << 30);
    }

    @Test
    void aCgroupV1LimitIsReadWhenThereIsNoV2One() throws URISyntaxException {
        MemoryInfo m = new OshiHostSampler(fixture("cgroup-v1-limited"), GpuSampler.NONE).sample().memory();
        assertThat(m.limitBytes()).isEqualTo(2L << 30);
        assertThat(m.effectiveAvailableBytes()).isLessThanOrEqualTo((2L << 30) - (512L << 20));
    }

    @Test
    void gpuReadingsComeFromTheGpuSampler() {
        List<GpuSample> gpus = List.of(new GpuSample(0, "NVIDIA", "GeForce GTX 1060 3GB", 3156738048L, 685441024L, 0.05));
        assertThat(new OshiHostSampler(Path.of("/nonexistent-cgroup"), () -> gpus).sample().gpus()).isEqualTo(gpus);
    }
}
