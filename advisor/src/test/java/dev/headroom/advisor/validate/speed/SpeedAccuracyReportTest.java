package dev.headroom.advisor.validate.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regenerates docs/accuracy-speed.md and holds the engine to the decode target. */
class SpeedAccuracyReportTest {
    @Test
    void regeneratesTheCommittedReportDeterministically() throws Exception {
        String md = SpeedAccuracyReport.markdown();
        assertThat(SpeedAccuracyReport.markdown()).isEqualTo(md);
        assertThat(md).contains("## Decode (tg), trust-A rows").contains("## Prompt processing (pp)").contains("| NVIDIA |");
        Path doc = Path.of("..", "docs", "accuracy-speed.md");
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, md);
    }

    @Test
    void decodeMedianErrorOverTrustARowsIsWithinFifteenPercentForNvidiaAndApple() {
        List<SpeedAccuracyReport.Scored> all = SpeedAccuracyReport.score();
        for (String cls : List.of("nvidia", "apple")) {
            double m = SpeedAccuracyReport.medianAbsError(all, s -> s.row().trust().equals("A") && s.row().generation()
                    && s.row().deviceClass().equals(cls));
            assertThat(m).as(cls).isLessThanOrEqualTo(SpeedAccuracyReport.DECODE_TARGET);
        }
    }

    /**
     * Issue 12's prompt target, judged as a device the model never saw: the median |error| of single-GPU trust-A prompt
     * rows predicted with constants fitted without the row's device is at most 15% (NVIDIA; before the dequantization
     * pass, the first-pass cost and the four catalogued devices: 25.5%).
     */
    @Test
    void promptMedianErrorLeftOutIsWithinFifteenPercentForNvidia() {
        List<Double> errors = SpeedAccuracyReport.score().stream().filter(s -> s.row().trust().equals("A") && !s.row().generation()
                && s.row().devices() == 1 && s.inFit() && !s.row().notes().contains("nkvo=1")
                && s.deviceClass() == dev.headroom.sizing.speed.DeviceClass.NVIDIA)
                .map(s -> Math.abs(s.leftOut() / s.row().tokensPerSecond() - 1)).sorted().toList();
        assertThat(errors).hasSizeGreaterThan(30);
        double median = errors.size() % 2 == 1 ? errors.get(errors.size() / 2)
                : (errors.get(errors.size() / 2 - 1) + errors.get(errors.size() / 2)) / 2;
        assertThat(median).isLessThanOrEqualTo(0.15);
    }

    @Test
    void everyTrustADecodeRowOfACataloguedGpuIsPredicted() {
        // RTX 3090 / 4090 / A100 80GB PCIe / H100 PCIe are in accelerators.csv (stillwater-sc and ml-engineering sources).
        assertThat(SpeedAccuracyReport.score()).filteredOn(s -> s.row().trust().equals("A") && s.row().generation()
                && List.of("NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 4090", "NVIDIA A100 80GB PCIe", "NVIDIA H100 PCIe").contains(s.row().device()))
                .isNotEmpty().allMatch(SpeedAccuracyReport.Scored::predictedAtAll);
    }
}
