package dev.headroom.probe.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.command.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nvidia-smi sampler against a fake nvidia-smi on a private search path. Its output is built from
 * captured real rows: an RTX 3090 with 24576 MiB total and 11279 MiB free (hardware-probe fixture
 * nvidia-smi/eight-rtx3090-csv-with-units.csv), and a DGX Spark reporting utilisation 2 % with memory.used
 * [N/A] (fixture nvidia-smi/dgx-spark-memory-used-na.csv, NordicHPC/sonar issue #460).
 */
class NvidiaSmiGpuSamplerTest {
    static final String OUTPUT = "0, NVIDIA GeForce RTX 3090, 24576, 13297, 87\n1, NVIDIA GB10, 122502, [N/A], 2\n";

    static CommandRunner fakeNvidiaSmi(Path dir, String body) throws Exception {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new CommandRunner(List.of(dir), Duration.ofSeconds(5));
    }

    @Test
    void memoryUseAndUtilisationComeFromTheQuery(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("out.csv"), OUTPUT);
        NvidiaSmiGpuSampler sampler = new NvidiaSmiGpuSampler(fakeNvidiaSmi(dir, "cat '" + dir.resolve("out.csv") + "'"));
        assertThat(sampler.available()).isTrue();
        List<GpuSample> s = sampler.sample();
        assertThat(s).hasSize(2);
        assertThat(s.get(0).memoryTotalBytes()).isEqualTo(24576L << 20);
        assertThat(s.get(0).memoryFreeBytes()).isEqualTo(11279L << 20);
        assertThat(s.get(0).utilizationRatio()).isEqualTo(0.87);
        assertThat(s.get(1).hasUsed()).isFalse();
        assertThat(s.get(1).utilizationRatio()).isEqualTo(0.02);
    }

    @Test
    void readsAreSpacedByTheRefreshIntervalAndFailuresKeepTheLastSample(@TempDir Path dir) throws Exception {
        Path out = Files.writeString(dir.resolve("out.csv"), OUTPUT);
        Path count = dir.resolve("count");
        AtomicLong now = new AtomicLong(0);
        NvidiaSmiGpuSampler sampler = new NvidiaSmiGpuSampler(
                fakeNvidiaSmi(dir, "echo x >> '" + count + "'; cat '" + out + "' || exit 9"), 2_000, now::get);
        assertThat(sampler.sample()).hasSize(2);
        now.set(1_000);
        sampler.sample();
        assertThat(Files.readAllLines(count)).hasSize(1);
        Files.delete(out);
        now.set(3_000);
        assertThat(sampler.sample()).hasSize(2);
        assertThat(Files.readAllLines(count)).hasSize(2);
    }

    @Test
    void withoutNvidiaSmiNothingIsAvailable(@TempDir Path dir) {
        assertThat(new NvidiaSmiGpuSampler(new CommandRunner(List.of(dir), Duration.ofSeconds(1))).available()).isFalse();
    }
}
