package dev.headroom.bench.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.bench.decoder.DecoderShape;
import dev.headroom.bench.kernels.WeightFormat;
import dev.headroom.sizing.quant.GgmlType;
import org.junit.jupiter.api.Test;

/** The forked integer-kernel measurement: a real child JVM on a small matrix, and the fallback when a child fails. Not timing tests. */
class ForkedMatVecTest {
    @Test
    void childJvmMeasuresOneFormatAndReportsItsRate() {
        // Q4_0 over 1 MiB of weights on one thread: a real child JVM with this JVM's class path runs the integer kernel.
        ForkedMatVec.Result r = ForkedMatVec.measure(WeightFormat.Q4_0, 1, 0.05, 1L << 20, 60);
        assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.format()).isEqualTo(WeightFormat.Q4_0);
        assertThat(r.flopsPerSecond()).isPositive().isFinite();
    }

    @Test
    void childThatExitsNonZeroIsAOneLineError() {
        ForkedMatVec.Result r = ForkedMatVec.measure(ExitingChild.class.getName(), WeightFormat.Q8_0, 1, 0.05, 1L << 20, 60);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("child JVM exited 3: simulated failure for Q8_0").doesNotContain("\n");
    }

    @Test
    void childThatHangsIsKilledAtItsTimeout() {
        long t0 = System.nanoTime();
        ForkedMatVec.Result r = ForkedMatVec.measure(SleepingChild.class.getName(), WeightFormat.Q8_0, 1, 0.05, 1L << 20, 2);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("child JVM did not finish within 2 s");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(60); // killed, not waited out (the child sleeps 120 s)
    }

    @Test
    void childWithBadArgumentsExitsTwo() {
        ForkedMatVec.Result r = ForkedMatVec.measure(WeightFormat.Q8_0, 1, 0.05, 0, 60);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("child JVM exited 2: headroom-matvec: out of range");
        assertThatThrownBy(() -> ForkedMatVec.measure(WeightFormat.F32, 1, 0.05, 1L << 20, 60))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calibrationFallsBackToTheFloatRateWithANoteWhenChildrenFail() {
        var settings = new CalibrationRunner.Settings(1 << 16, 2, 0.05, new DecoderShape(1, 256, 4, 2, 256, 256), 1, 2,
                CalibrationRunner.Settings.DECODER_PRECISIONS, 1L << 20);
        var report = CalibrationRunner.run(settings, 1, "test cpu", "2026-12-01", (f, step) -> { }, ExitingChild.class.getName());
        assertThat(report.integerMatVecFlopsPerSecond()).isEmpty();
        assertThat(report.notes()).hasSize(CalibrationRunner.FORKED_FORMATS.size())
                .allMatch(n -> n.contains("child JVM exited 3") && n.endsWith("kept the float kernels' rate measured in this JVM"));
        var byType = report.calibration().decodeFlopsByFormat();
        assertThat(byType.get(GgmlType.Q8_0)).isEqualTo(report.matVecFlopsPerSecond().get(WeightFormat.Q8_0));
        assertThat(byType.get(GgmlType.F16)).isEqualTo(report.matVecFlopsPerSecond().get(WeightFormat.F16));
        assertThat(report.calibration().kernels()).endsWith("(integer kernels not measured: child JVMs failed, float kernels' rates kept)");
    }
}
