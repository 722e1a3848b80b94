package dev.headroom.advisor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.CpuCaches;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.DiskInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.hardware.Reading;
import dev.headroom.sizing.quant.GgmlType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** probe -> JSON -> profile loses nothing: PCI ids, bandwidth, caches, disks, readings, the calibration. */
class ProfileRoundTripTest {
    @Test
    void aFullProfileWithItsCalibrationRoundTripsExactly() {
        HardwareProfile hw = new HardwareProfile("gpu-box", "Linux",
                new CpuInfo("AuthenticAMD", "AMD Ryzen 9 7950X", 16, 32, 24.5, List.of("avx2", "avx512f"), "Zen 4", 0, 0, 5_700_000_000L,
                        new CpuCaches(32 << 10, 1 << 20, 64 << 20)),
                new MemoryInfo(64L << 30, 60L << 30, 48L << 30, 3L << 30, 8L << 30, 7L << 30, 83.2e9, "2 x DDR5 5200 MT/s (dmidecode)"),
                List.of(new GpuInfo(0, "NVIDIA", "NVIDIA GeForce RTX 4090", 24564L << 20, 24076L << 20, false, "jcuda", "8.9", 128,
                        1.008e12, "10de:2684", Confidence.HIGH, "memory clock x bus width")),
                List.of("a warning"), List.of(new DiskInfo("models", "/data", 400L << 30, 1L << 40)),
                List.of(new Reading("memory.limitBytes", "cgroup v2 /sys/fs/cgroup/memory.max", Confidence.HIGH)));
        Calibration c = new Calibration("2026-11-22", "AMD Ryzen 9 7950X", 32, "vector-512", 60e9, 20e9, 55e9, 58e9, 900e9,
                Map.of(GgmlType.Q4_0, 120e9, GgmlType.Q8_0, 200e9), 15e-6);
        String json = ProfileJson.write(ProfileJson.machine(hw, c));
        SavedProfileReader.Saved back = SavedProfileReader.parseSaved("round-trip", jsonTree(json));
        assertThat(back.hardware()).isEqualTo(hw);
        assertThat(back.calibration()).isEqualTo(c);
        // and a second trip writes the same text
        assertThat(ProfileJson.write(ProfileJson.machine(back.hardware(), back.calibration()))).isEqualTo(json);
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonTree(String json) {
        try {
            return ProfileJson.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
