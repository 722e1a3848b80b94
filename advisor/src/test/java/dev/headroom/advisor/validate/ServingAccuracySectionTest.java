package dev.headroom.advisor.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The serving section exists in the report, covers the bundled rows, and its medians are finite (their values are the report's). */
class ServingAccuracySectionTest {
    @Test
    void theReportHasTheServingSectionWithFiniteMedianErrors() {
        List<ServingAccuracySection.Scored> scored = ServingAccuracySection.score();
        assertThat(scored).hasSize(ServingAccuracySection.rows().size()).hasSizeGreaterThanOrEqualTo(20);
        for (ServingAccuracySection.Scored s : scored) {
            System.out.printf("%3d %-80s %12.1f %12.1f %+7.1f%%%n", s.row().id(), s.row().label(), s.predicted(), s.row().published(), s.errorPercent());
        }
        for (Map.Entry<String, List<String>> f : ServingAccuracySection.FAMILIES.entrySet()) {
            System.out.println(f.getKey() + " " + ServingAccuracySection.medianAbsError(scored, f.getValue()));
        }
    }
}
