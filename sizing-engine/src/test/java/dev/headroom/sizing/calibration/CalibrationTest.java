package dev.headroom.sizing.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.GgmlType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    static Calibration sample() {
        return new Calibration("2026-11-22", "AMD EPYC", 2, "vector-512", 34e9, 26e9, 37e9, 29e9, 60e9,
                Map.of(GgmlType.Q4_0, 25e9, GgmlType.F32, 65e9), 20e-6);
    }

    @Test
    void ceilingsAreMeasuredAndSayWhen() {
        var c = sample().cpuCeilings();
        assertThat(c.origin()).isEqualTo(Origin.MEASURED);
        assertThat(c.note()).startsWith("MEASURED by headroom bench, calibration of 2026-11-22");
        assertThat(c.decodeFlopsFor(GgmlType.Q4_0)).isEqualTo(25e9);
        assertThat(c.decodeFlopsFor(GgmlType.Q8_0)).isEqualTo(60e9);
        assertThat(sample().cpuCeilings().bandwidthBytesPerSecond()).isEqualTo(34e9);
        assertThat(sample().javaToNativeReadRatio()).isCloseTo(34.0 / 29, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void rejectsValuesThatCannotBeMeasurements() {
        assertThatThrownBy(() -> new Calibration("yesterday", "x", 2, "k", 1, 1, 1, 0, 1, Map.of(), 0)).hasMessageContaining("measuredOn");
        assertThatThrownBy(() -> new Calibration("2026-11-22", "x", 0, "k", 1, 1, 1, 0, 1, Map.of(), 0)).hasMessageContaining("threads");
        assertThatThrownBy(() -> new Calibration("2026-11-22", "x", 2, "k", -1, 1, 1, 0, 1, Map.of(), 0)).hasMessageContaining("readBytesPerSecond");
        assertThatThrownBy(() -> new Calibration("2026-11-22", "x", 2, "k", 1, 1, 1, 0, 1, Map.of(GgmlType.F16, 0.0), 0))
                .hasMessageContaining("decodeFlopsByFormat.F16");
    }
}
