package dev.headroom.advisor.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.advisor.Machines;
import dev.headroom.advisor.Planner;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.serving.GpuOption;
import dev.headroom.sizing.serving.ServingResult;
import dev.headroom.sizing.serving.SpeedModelStepTime;
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

    /**
     * The simulation's step time is the engine's own: one user on an H100 (the Qwen3-8B C=1 row) decodes at the
     * speed model's single-sequence step ({@link SpeedModelStepTime} with the catalog's H100 SXM ceilings, as
     * {@code headroom plan --device "H100 SXM"} builds it) at the mean context of the answer.
     */
    @Test
    void aSingleUsersTpotIsTheEnginesDecodeStep() {
        ServingAccuracySection.Row row = ServingAccuracySection.rows().stream()
                .filter(r -> r.model().equals("qwen3-8b") && r.gpu().equals("H100 SXM") && r.concurrency() == 1).findFirst().orElseThrow();
        Planner planner = new Planner(new Machines(AcceleratorCatalog.bundled(), () -> null, () -> null));
        ServingResult r = ServingAccuracySection.simulate(row, ModelCatalog.bundled(), planner);
        ModelArchitecture arch = ModelCatalog.bundled().get("qwen3-8b").architecture();
        GpuOption h100 = planner.named("H100 SXM", List.of(1), 8, 0);
        SpeedModelStepTime engine = new SpeedModelStepTime(
                new DeploymentRequest(arch, Precision.BF16, arch.maxContext(), 1, GgmlType.F16, RuntimeProfile.VLLM), h100.ceilings(), 1);
        double step = engine.decodeStepSeconds(1, row.prompt() + row.output() / 2);
        assertThat(r.tpot().p50()).isCloseTo(step, org.assertj.core.api.Assertions.within(0.02 * step));
    }
}
