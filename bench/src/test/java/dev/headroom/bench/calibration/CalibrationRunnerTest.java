package dev.headroom.bench.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.bench.decoder.DecoderShape;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole calibration on a tiny scale: every figure is produced, positive and wired into the engine. Not a timing test. */
class CalibrationRunnerTest {
    @Test
    void tinyRunMeasuresEveryFigureAndChecksEveryDecoderFormat() {
        var settings = new CalibrationRunner.Settings(1 << 16, 2, 0.05, new DecoderShape(1, 256, 4, 2, 256, 256), 1, 2,
                CalibrationRunner.Settings.DECODER_PRECISIONS);
        List<Double> progress = new ArrayList<>();
        var report = CalibrationRunner.run(settings, 2, "test cpu", "2026-11-22", (f, step) -> progress.add(f));
        var c = report.calibration();
        assertThat(c.readBytesPerSecond()).isPositive();
        assertThat(c.decodeFlopsByFormat()).containsKeys(GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K);
        assertThat(c.cpuCeilings().origin()).isEqualTo(Origin.MEASURED);
        assertThat(report.decoder()).extracting(d -> d.precision()).containsExactly(Precision.F32, Precision.F16, Precision.Q8_0, Precision.Q4_0);
        assertThat(report.decoder()).allMatch(d -> d.measuredTokensPerSecond() > 0 && d.predictedTokensPerSecond() > 0);
        assertThat(progress).isSorted().last().isEqualTo(1.0);
    }

    @Test
    void nativeStreamOutputIsParsedAndGarbageRejected() {
        var ok = NativeStream.parse("read 2.8e10\ncopy 3.5e10\ntriad 3.7e10\n", "gcc");
        assertThat(ok.available()).isTrue();
        assertThat(ok.triadBytesPerSecond()).isEqualTo(3.7e10);
        assertThat(NativeStream.parse("Segmentation fault", "gcc").available()).isFalse();
    }

    @Test
    void nativeStreamCompilesAndRunsWithTheMachinesCompiler() {
        // gcc is installed on the CI image (build-essential); this checks the C source compiles and prints all three figures.
        var r = NativeStream.run(1 << 16, 2, 1);
        assertThat(r.available()).as(r.detail()).isTrue();
        assertThat(r.readBytesPerSecond()).isPositive();
    }
}
