package dev.headroom.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.probe.memory.QuickBandwidth;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickBandwidthStoreTest {
    static final CpuInfo CPU = new CpuInfo("AMD", "AMD EPYC test", 2, 2, 2, List.of("avx2"));

    @Test
    void theRealMeasurementReadsThisMachinesDramAtAPlausibleRate() {
        // 16 MiB per run keeps the test short; any machine streams between 0.5 GB/s and 2 TB/s.
        double bw = QuickBandwidth.measure(1, 1 << 21);
        assertThat(bw).isBetween(0.5e9, 2e12);
    }

    @Test
    void measuresOnceThenReadsTheCacheForTheSameCpuAndThreads(@TempDir Path dir) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        QuickBandwidthStore store = new QuickBandwidthStore(dir, (threads, longs) -> {
            runs.incrementAndGet();
            return 31e9 * threads;
        });
        QuickBandwidthStore.Measurement first = store.forCpu(CPU);
        QuickBandwidthStore.Measurement second = store.forCpu(CPU);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.bytesPerSecond()).isEqualTo(62e9);
        assertThat(second.threads()).isEqualTo(2);
        // Another CPU (a profile copied from elsewhere does not come here, but a new machine with this home does) is measured.
        store.forCpu(new CpuInfo("Intel", "Other CPU", 4, 8, 8, List.of()));
        assertThat(runs.get()).isEqualTo(2);
        // A damaged cache is measured again, not an error.
        Files.writeString(store.file(), "{ not json");
        assertThat(store.forCpu(CPU).cached()).isFalse();
        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void theProbedUncalibratedMachineUsesTheMeasurementAndSaysSo() {
        HardwareProfile hw = new HardwareProfile("h", "linux", CPU, new MemoryInfo(16L << 30, 16L << 30, MemoryInfo.NO_LIMIT, 0),
                List.of(), List.of());
        Machines machines = new Machines(AcceleratorCatalog.bundled(), () -> hw, () -> null,
                cpu -> new QuickBandwidthStore.Measurement(cpu.model(), 2, 41e9, "2026-12-01T00:00:00Z", true));
        Machine m = machines.probed(true);
        assertThat(m.cpu().bandwidthBytesPerSecond()).isEqualTo(41e9);
        assertThat(m.cpu().note()).contains("measured in-process with 2 threads");
        assertThat(m.calibrationLabel()).contains("bandwidth measured in-process");
        // Without the measurement: the core-count default (28 GB/s x sqrt(2)).
        Machine plain = new Machines(AcceleratorCatalog.bundled(), () -> hw, () -> null).probed(true);
        assertThat(plain.cpu().bandwidthBytesPerSecond()).isCloseTo(28e9 * Math.sqrt(2), org.assertj.core.api.Assertions.within(1e3));
    }

    @Test
    void aSavedProfileCarriesTheMeasurementToAnotherMachine(@TempDir Path dir) throws Exception {
        // probe --json on an uncalibrated machine saves its measured bandwidth; --hardware elsewhere reproduces its numbers.
        HardwareProfile hw = new HardwareProfile("h", "linux", CPU, new MemoryInfo(16L << 30, 16L << 30, MemoryInfo.NO_LIMIT, 0),
                List.of(), List.of());
        QuickBandwidthStore.Measurement m = new QuickBandwidthStore.Measurement(CPU.model(), 2, 41e9, "2026-12-01T00:00:00Z", false);
        Path file = dir.resolve("saved.json");
        Files.writeString(file, dev.headroom.advisor.profile.ProfileJson.write(dev.headroom.advisor.profile.ProfileJson.machine(hw, null, m)));
        // Read back on a machine whose own measurement differs.
        Machines elsewhere = new Machines(AcceleratorCatalog.bundled(), () -> hw, () -> null,
                cpu -> new QuickBandwidthStore.Measurement(cpu.model(), 8, 99e9, "now", true));
        Machine back = elsewhere.fromProfile(file, true);
        assertThat(back.cpu().bandwidthBytesPerSecond()).isEqualTo(41e9);
        Machine here = new Machines(AcceleratorCatalog.bundled(), () -> hw, () -> null,
                cpu -> m).probed(true);
        assertThat(back.cpu().bandwidthBytesPerSecond()).isEqualTo(here.cpu().bandwidthBytesPerSecond());
        // An implausible value is refused with the field named.
        Files.writeString(file, Files.readString(file).replace("4.1E10", "5.0"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> elsewhere.fromProfile(file, true)).hasMessageContaining("quickBandwidth");
    }
}
