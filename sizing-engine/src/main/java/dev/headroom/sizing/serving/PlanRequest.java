package dev.headroom.sizing.serving;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import java.util.List;

/**
 * What to plan a vLLM deployment for.
 *
 * @param model the architecture
 * @param precisions weight precisions to try, preferred first
 * @param workload the whole demand: users (closed loop) or requests/s (Poisson), and lengths; replicas share it evenly
 * @param targets latency targets, at least one set
 * @param hardware GPU kinds to try
 * @param maxModelLen vLLM {@code --max-model-len}; 0 = the workload's longest prompt plus output
 */
public record PlanRequest(ModelArchitecture model, List<Precision> precisions, Workload workload, ServingTargets targets,
                          List<GpuOption> hardware, long maxModelLen) {
    public PlanRequest {
        if (model == null || workload == null || targets == null) {
            throw new IllegalArgumentException("plan: model, workload and targets are required");
        }
        precisions = List.copyOf(precisions);
        hardware = List.copyOf(hardware);
        if (precisions.isEmpty() || hardware.isEmpty()) {
            throw new IllegalArgumentException("plan: give at least one precision and one device");
        }
        if (!targets.any()) {
            throw new IllegalArgumentException("targets: give at least one of ttft p95, tpot p95 or tokens/s per user");
        }
        if (maxModelLen < 0 || maxModelLen > LengthDistribution.MAX_TOKENS) {
            throw new IllegalArgumentException("max model length: must be within 0.." + LengthDistribution.MAX_TOKENS + ", was " + maxModelLen);
        }
    }

    /** The max model length the servers are sized for. */
    public long effectiveMaxModelLen() {
        return maxModelLen > 0 ? maxModelLen : workload.maxSequenceTokens();
    }
}
