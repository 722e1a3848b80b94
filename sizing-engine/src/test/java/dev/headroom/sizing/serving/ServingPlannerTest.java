package dev.headroom.sizing.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.quant.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingPlannerTest {
    static final long GIB = 1L << 30;
    /** NVIDIA H100 SXM5 80GB (catalog accelerators.csv): 80 GB, 3350 GB/s, 989.4 TFLOP/s dense BF16. */
    static GpuOption h100(List<Integer> tp, double price) {
        return new GpuOption("H100 SXM", 80 * GIB, SpeedModelStepTimeTest.H100, tp, 8, price);
    }

    static Workload users(int n) {
        return Workload.of(new Arrivals.ClosedLoop(n, 0), new LengthDistribution.Fixed(1000), new LengthDistribution.Fixed(200));
    }

    /** The acceptance example of issue 15: llama-3-8b, 200 users, 1000/200 tokens, TTFT p95 2 s, TPOT 50 ms, H100 SXM x 1 or 2. */
    @Test
    void twoHundredUsersOfLlama3OnH100sGetReplicasGpusAndPercentilesWithinTheTargets() {
        ServingTargets targets = new ServingTargets(2.0, 0.050, 0);
        PlanRequest request = new PlanRequest(ReferenceModels.LLAMA_3_8B, List.of(Precision.BF16, Precision.FP8_E4M3), users(200),
                targets, List.of(h100(List.of(1, 2), 2.5)), 0);
        List<PlanCandidate> plan = ServingPlanner.plan(request);
        assertThat(plan).hasSize(4).allMatch(PlanCandidate::feasible);
        for (PlanCandidate c : plan) {
            assertThat(c.gpus()).isEqualTo(c.replicas() * c.tensorParallel());
            assertThat(c.hosts()).isEqualTo((c.gpus() + 7) / 8);
            assertThat(c.headroom()).isGreaterThanOrEqualTo(0);
            assertThat(c.costPerHour()).isEqualTo(c.gpus() * 2.5);
            assertThat(c.achieved().ttft().p95()).isLessThanOrEqualTo(2.0);
            assertThat(c.achieved().tpot().p95()).isLessThanOrEqualTo(0.050);
            assertThat(c.replicas() * c.capacityPerReplica()).isGreaterThanOrEqualTo(200);
            assertThat((c.replicas() - 1) * c.capacityPerReplica()).isLessThan(200);
        }
        for (int i = 1; i < plan.size(); i++) {
            assertThat(plan.get(i).costPerHour()).isGreaterThanOrEqualTo(plan.get(i - 1).costPerHour());
        }
        // FP8 weights are half the bytes: a decode step reads less, so a replica carries more users.
        PlanCandidate bf16 = find(plan, Precision.BF16, 1);
        PlanCandidate fp8 = find(plan, Precision.FP8_E4M3, 1);
        assertThat(fp8.capacityPerReplica()).isGreaterThan(bf16.capacityPerReplica());
        assertThat(fp8.kvBlocks()).isGreaterThan(bf16.kvBlocks());
    }

    @Test
    void configurationsThatCannotRunSayWhy() {
        // A loose TPOT: the speed model's per-layer peer sync (fitted on llama.cpp over PCIe) makes TP 4 slow.
        ServingTargets targets = new ServingTargets(5.0, 0.250, 0);
        PlanRequest request = new PlanRequest(ReferenceModels.LLAMA_3_70B, List.of(Precision.BF16), users(50), targets,
                List.of(new GpuOption("H100 SXM", 80 * GIB, SpeedModelStepTimeTest.H100, List.of(1, 3, 4, 8), 4, Double.NaN)), 0);
        List<PlanCandidate> plan = ServingPlanner.plan(request);
        assertThat(plan.get(0).feasible()).isTrue();
        assertThat(plan.get(0).tensorParallel()).isEqualTo(4);
        assertThat(plan.get(0).costPerHour()).isNaN();
        assertThat(find(plan, Precision.BF16, 1).reason()).startsWith("does not start: 0 KV blocks");
        assertThat(find(plan, Precision.BF16, 3).reason()).contains("does not divide the 64 attention heads");
        assertThat(find(plan, Precision.BF16, 8).reason()).isEqualTo("tensor parallel 8 needs 8 GPUs in one host; hosts have 4");
    }

    @Test
    void aRateWorkloadIsSplitEvenlyOverReplicas() {
        Workload rate = Workload.of(new Arrivals.Poisson(40), new LengthDistribution.Fixed(500), new LengthDistribution.Fixed(300));
        ServingTargets targets = new ServingTargets(1.0, 0.030, 0);
        PlanRequest request = new PlanRequest(ReferenceModels.LLAMA_3_8B, List.of(Precision.BF16), rate, targets,
                List.of(h100(List.of(1), Double.NaN)), 0);
        PlanCandidate c = ServingPlanner.plan(request).get(0);
        assertThat(c.feasible()).isTrue();
        assertThat(c.achieved().requestsPerSecond()).isCloseTo(40.0 / c.replicas(), org.assertj.core.api.Assertions.within(0.1 * 40 / c.replicas()));
        assertThat(targets.metBy(c.achieved(), ServingPlanner.share(rate, 40, c.replicas()))).isTrue();
    }

    static PlanCandidate find(List<PlanCandidate> plan, Precision p, int tp) {
        return plan.stream().filter(c -> c.precision() == p && c.tensorParallel() == tp).findFirst().orElseThrow();
    }
}
