package dev.headroom.sizing.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.quant.GgmlType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real calibration passes, hand-edited ones do not. The real figures are run 3 of docs/speed-model.md
 * "Measured on this machine" (2-core AMD EPYC VM): 46.5 GB/s read (2 threads), 25.1 GB/s one thread,
 * C read 45.1 GB/s, GEMM 55-62 GFLOP/s, decode F32 17, Q8_0 38, Q4_0 52 GFLOP/s.
 */
class CalibrationPlausibilityTest {
    static Calibration real(double gemm, double q4) {
        return new Calibration("2026-11-22", "AMD EPYC", 2, "vector-512", 46.5e9, 25.1e9, 47e9, 45.1e9, gemm,
                Map.of(GgmlType.F32, 17e9, GgmlType.Q8_0, 38e9, GgmlType.Q4_0, q4), 15e-6);
    }

    @Test
    void theMeasuredRunIsPlausible() {
        assertThat(real(60e9, 52e9).implausibilities()).isEmpty();
        assertThat(real(60e9, 52e9).requirePlausible("calibration.json").gemmFlopsPerSecond()).isEqualTo(60e9);
    }

    @Test
    void prefillInflatedAThousandfoldIsRefused() {
        // 60 GFLOP/s -> 60 TFLOP/s on two threads: 30 TFLOP/s per thread, 80 x a Zen 5 core's peak.
        Calibration edited = real(60e12, 52e9);
        assertThat(edited.implausibilities()).singleElement().asString().startsWith("GEMM 6.00e+04 GFLOP/s is 3.00e+04 GFLOP/s per thread");
        assertThatThrownBy(() -> edited.requirePlausible("/home/u/.config/headroom/calibration.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("/home/u/.config/headroom/calibration.json: implausible calibration")
                .hasMessageNotContaining("\n");
    }

    @Test
    void decodeInflatedAThousandfoldIsRefused() {
        assertThat(real(60e9, 52e12).implausibilities()).anySatisfy(p -> assertThat(p).startsWith("Q4_0 matrix-vector rate"));
    }

    @Test
    void bandwidthFiguresThatContradictEachOtherAreFlagged() {
        Calibration oneThreadAboveAll = new Calibration("2026-11-22", "x", 2, "k", 46.5e9, 465e9, 47e9, 0, 60e9, Map.of(), 0);
        assertThat(oneThreadAboveAll.implausibilities()).anySatisfy(p -> assertThat(p).startsWith("one-thread read"));
        Calibration petabyte = new Calibration("2026-11-22", "x", 2, "k", 1e15, 25e9, 1e15, 0, 60e9, Map.of(), 0);
        assertThat(petabyte.implausibilities()).anySatisfy(p -> assertThat(p).startsWith("read bandwidth"));
        Calibration javaFasterThanC = new Calibration("2026-11-22", "x", 2, "k", 46.5e9, 25e9, 47e9, 10e9, 60e9, Map.of(), 0);
        assertThat(javaFasterThanC.implausibilities()).anySatisfy(p -> assertThat(p).startsWith("Java read"));
    }
}
