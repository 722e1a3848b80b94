package dev.headroom.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.quant.GgmlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationStoreTest {
    @TempDir
    Path dir;

    static Calibration sample(String cpu) {
        return new Calibration("2026-11-22", cpu, 2, "vector-512", 34e9, 26e9, 37e9, 29e9, 60e9, Map.of(GgmlType.Q4_0, 25e9), 20e-6);
    }

    @Test
    void savedCalibrationLoadsBackEqual() {
        CalibrationStore store = new CalibrationStore(dir.resolve("nested"));
        store.save(sample("AMD EPYC"));
        assertThat(store.load()).isEqualTo(sample("AMD EPYC"));
    }

    @Test
    void noFileMeansNoCalibration() {
        assertThat(new CalibrationStore(dir).load()).isNull();
    }

    @Test
    void aCalibrationOfAnotherCpuIsNotUsed() {
        CalibrationStore store = new CalibrationStore(dir);
        store.save(sample("Apple M3"));
        assertThat(store.forCpu(new CpuInfo("AMD", "AMD EPYC", 2, 2, 2, List.of()))).isNull();
        assertThat(store.forCpu(new CpuInfo("Apple", "Apple M3", 8, 8, 8, List.of()))).isNotNull();
    }

    @Test
    void aBrokenFileIsReportedWithItsNameAndField() throws Exception {
        CalibrationStore store = new CalibrationStore(dir);
        Files.writeString(store.file(), "{\"schema\":\"headroom-calibration/1\",\"calibration\":{\"measuredOn\":\"2026-11-22\",\"threads\":\"two\"}}");
        assertThatThrownBy(store::load).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(store.file().toString()).hasMessageContaining("cpuModel");
        Files.writeString(store.file(), "not json");
        assertThatThrownBy(store::load).hasMessageContaining("not valid JSON");
        assertThat(store.forCpu(new CpuInfo("AMD", "AMD EPYC", 2, 2, 2, List.of()))).isNull();
    }

    @Test
    void configDirectoryFollowsTheOverrideThenXdgThenHome() {
        String saved = System.clearProperty("headroom.config.dir");
        try {
            assertThat(CalibrationStore.configDirectory(Map.of("HEADROOM_CONFIG_DIR", "/x/h", "XDG_CONFIG_HOME", "/x/xdg"), "/home/u"))
                    .isEqualTo(Path.of("/x/h"));
            assertThat(CalibrationStore.configDirectory(Map.of("XDG_CONFIG_HOME", "/x/xdg"), "/home/u")).isEqualTo(Path.of("/x/xdg/headroom"));
            // The XDG spec says relative XDG paths are invalid and must be ignored.
            assertThat(CalibrationStore.configDirectory(Map.of("XDG_CONFIG_HOME", "rel"), "/home/u")).isEqualTo(Path.of("/home/u/.config/headroom"));
        } finally {
            if (saved != null) {
                System.setProperty("headroom.config.dir", saved);
            }
        }
    }
}
