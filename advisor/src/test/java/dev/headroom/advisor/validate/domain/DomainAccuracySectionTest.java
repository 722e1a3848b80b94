package dev.headroom.advisor.validate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.advisor.validate.AccuracyReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainAccuracySectionTest {
    private final DomainAccuracySection section = new DomainAccuracySection();

    @Test
    void theReportCarriesTheDomainSection() {
        assertThat(AccuracyReport.sections()).anyMatch(s -> s instanceof DomainAccuracySection);
        String md = section.markdown();
        assertThat(md).contains("No constant is fitted to these rows", "### Worst rows and why",
                "### Published conditions the model does not represent");
    }

    @Test
    void everyDomainHasPredictedRowsAndAFiniteMedian() {
        // Pins existence and finiteness, not values: the medians move whenever the engine's constants do.
        for (String d : DomainAccuracySection.DOMAINS) {
            assertThat(section.rows()).as(d).anyMatch(p -> p.row().domain().equals(d) && p.predicted());
            assertThat(section.medianAbsError(d)).as(d).isFinite();
        }
        assertThat(section.rows()).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void everyRowNamesItsSourceAndWhetherTheModelRepresentsIt() {
        assertThat(section.rows()).allSatisfy(p -> {
            assertThat(p.row().source()).isNotBlank();
            assertThat(p.row().represented()).isIn("yes", "partly", "no");
            assertThat(p.predicted() || !p.reason().isBlank()).as(p.row().id()).isTrue();
        });
    }

    @Test
    void aBadRowFailsWithItsIdAndField() {
        assertThatThrownBy(() -> DomainBenchmark.of(Map.of("id", "x1", "value", "-3")))
                .hasMessageContaining("x1").hasMessageContaining("value");
    }

    @Test
    void diffusionItPerSecondIsTheBatchDenoiserRate() {
        // At batch 4 each step runs 4 x 2 (guidance) U-Net passes, so it/s must fall below the batch-1 figure.
        DomainPrediction b1 = section.rows().stream().filter(p -> p.row().id().equals("diffusers-sd15-a100-b1")).findFirst().orElseThrow();
        DomainPrediction b4 = section.rows().stream().filter(p -> p.row().id().equals("diffusers-sd15-a100-b4")).findFirst().orElseThrow();
        assertThat(b4.predictedValue()).isLessThan(b1.predictedValue());
    }
}
