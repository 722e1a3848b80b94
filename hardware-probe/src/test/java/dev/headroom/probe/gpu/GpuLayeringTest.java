package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class GpuLayeringTest {
    /** A fake source with fixed readings. */
    record Fake(String name, String vendor, boolean applies, GpuReadings readings, long delayMillis) implements GpuSource {
        @Override
        public GpuReadings read() {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return readings;
        }

        @Override
        public String whyNot() {
            return name + " does not apply";
        }
    }

    static GpuInfo gpu(String vendor, String name, String source) {
        return new GpuInfo(0, vendor, name, 24L << 30, 20L << 30, false, source, "", 0, 0, "", Confidence.HIGH, "");
    }

    static Fake seeing(String name, String vendor, GpuInfo... gpus) {
        return new Fake(name, vendor, true, new GpuReadings(Arrays.asList(gpus), List.of()), 0);
    }

    static Fake failing(String name, String vendor, String why) {
        return new Fake(name, vendor, true, GpuReadings.none(why), 0);
    }

    static GpuLayering.Result run(GpuSource... sources) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            return GpuLayering.run(List.of(sources), pool, Duration.ofSeconds(2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCudaDriverBeatsNvidiaSmiForTheSameGpus() {
        GpuLayering.Result r = run(seeing("jcuda", "NVIDIA", gpu("NVIDIA", "NVIDIA GeForce RTX 4090", "jcuda")),
                seeing("nvidia-smi", "NVIDIA", gpu("NVIDIA", "NVIDIA GeForce RTX 4090", "nvidia-smi")));
        assertThat(r.gpus()).extracting(GpuInfo::source).containsExactly("jcuda");
    }

    @Test
    void aWorseSourceFillsInWhenTheBetterOneFailsAndItsFailureStaysANote() {
        GpuLayering.Result r = run(failing("jcuda", "NVIDIA", "no NVIDIA driver (JCuda: libcuda.so.1 missing)"),
                seeing("nvidia-smi", "NVIDIA", gpu("NVIDIA", "Tesla T4", "nvidia-smi")));
        assertThat(r.gpus()).extracting(GpuInfo::source).containsExactly("nvidia-smi");
        // The NVIDIA vendor is covered, so the JCuda failure is no longer worth a note.
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void withAGpuFoundOnlyRealFailuresOfOtherVendorsAreNoted() {
        GpuLayering.Result r = run(new Fake("jcuda", "NVIDIA", false, null, 0), failing("nvidia-smi", "NVIDIA", "nvidia-smi unavailable: exit code 9"),
                failing("rocm-smi", "AMD", "rocm-smi unavailable: exit code 2"), seeing("sysfs", "AMD", gpu("AMD", "Radeon RX 7900 XT", "sysfs")));
        assertThat(r.gpus()).extracting(GpuInfo::name).containsExactly("Radeon RX 7900 XT");
        assertThat(r.notes()).containsExactly("nvidia-smi unavailable: exit code 9");
    }

    @Test
    void withNoGpuFoundEverySourceSaysWhy() {
        GpuLayering.Result r = run(new Fake("jcuda", "NVIDIA", false, null, 0), new Fake("rocm-smi", "AMD", false, null, 0),
                failing("sysfs", "AMD", "sysfs: AMD GPU 1002:164e (card1) has a 64 MiB carve-out only"));
        assertThat(r.gpus()).isEmpty();
        assertThat(r.notes()).containsExactly("jcuda does not apply", "rocm-smi does not apply",
                "sysfs: AMD GPU 1002:164e (card1) has a 64 MiB carve-out only");
    }

    @Test
    void oshiOnlyAddsVendorsNoDriverToolSaw() {
        GpuLayering.Result r = run(seeing("rocm-smi", "AMD", gpu("AMD", "Radeon RX 7900 XT", "rocm-smi")),
                seeing("oshi", "any", gpu("AMD", "AMD Radeon RX 7900 XT", "oshi"), gpu("Intel", "Intel Arc A770", "oshi")));
        assertThat(r.gpus()).extracting(GpuInfo::source).containsExactly("rocm-smi", "oshi");
        assertThat(r.gpus()).extracting(GpuInfo::vendor).containsExactly("AMD", "Intel");
    }

    @Test
    void aSourceThatHangsIsCutOffAtTheBudget() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        try {
            GpuLayering.Result r = GpuLayering.run(List.of(new Fake("slow", "NVIDIA", true, GpuReadings.none("x"), 10_000),
                    seeing("sysfs", "AMD", gpu("AMD", "Radeon", "sysfs"))), pool, Duration.ofMillis(300));
            assertThat(r.gpus()).hasSize(1);
            assertThat(r.notes()).singleElement().asString().isEqualTo("slow did not answer within 300 ms");
        } finally {
            pool.shutdownNow();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void aSourceThatThrowsDespiteItsContractBecomesANote() {
        List<GpuReadings> readings = new ArrayList<>();
        readings.add(GpuLayering.safeRead(new GpuSource() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String vendor() {
                return "Intel";
            }

            @Override
            public boolean applies() {
                return true;
            }

            @Override
            public GpuReadings read() {
                throw new UnsatisfiedLinkError("no libze_loader");
            }
        }));
        assertThat(readings.get(0).problems()).singleElement().asString().contains("UnsatisfiedLinkError").contains("no libze_loader");
    }
}
