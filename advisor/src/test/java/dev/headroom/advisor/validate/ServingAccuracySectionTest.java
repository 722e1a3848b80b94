package dev.headroom.advisor.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The serving section of the accuracy report (issue 15, item 5): it is in the report, it covers every row of
 * validation/serving_benchmarks.csv with a source, and every metric family has a finite median error. The
 * values themselves are the report's (docs/accuracy.md, pinned by {@link AccuracyReportTest}), not asserted here.
 */
class ServingAccuracySectionTest {
    @Test
    void theReportHasTheServingSection() {
        assertThat(AccuracyReport.sections()).anyMatch(s -> s instanceof ServingAccuracySection);
        String md = new ServingAccuracySection().markdown();
        assertThat(md).contains("median \\|error\\|").contains("### Worst rows").contains("SpeedModelStepTime");
    }

    @Test
    void everyRowHasASourceAndEveryFamilyAFiniteMedianError() {
        List<ServingAccuracySection.Row> rows = ServingAccuracySection.rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(20)
                .allSatisfy(r -> assertThat(r.source()).startsWith("https://"))
                .allSatisfy(r -> assertThat(r.published()).isPositive());
        Set<String> gpus = rows.stream().map(ServingAccuracySection.Row::gpu).collect(Collectors.toSet());
        Set<String> models = rows.stream().map(ServingAccuracySection.Row::model).collect(Collectors.toSet());
        assertThat(gpus).hasSizeGreaterThanOrEqualTo(3);
        assertThat(models).hasSizeGreaterThanOrEqualTo(3);
        List<ServingAccuracySection.Scored> scored = ServingAccuracySection.score();
        assertThat(scored).hasSize(rows.size()).allSatisfy(s -> assertThat(s.predicted()).isFinite().isPositive());
        for (Map.Entry<String, List<String>> f : ServingAccuracySection.FAMILIES.entrySet()) {
            assertThat(ServingAccuracySection.medianAbsError(scored, f.getValue())).as(f.getKey()).isFinite();
        }
    }
}
