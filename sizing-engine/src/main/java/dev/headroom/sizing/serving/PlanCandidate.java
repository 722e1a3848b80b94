package dev.headroom.sizing.serving;

import dev.headroom.sizing.quant.Precision;

/**
 * One way to serve the demand: {@code replicas} vLLM servers of {@code tensorParallel} GPUs each.
 *
 * @param device the GPU kind
 * @param precision weight precision
 * @param tensorParallel GPUs per replica
 * @param feasible whether this configuration starts and meets the targets at all
 * @param reason why not, when not feasible; empty otherwise
 * @param replicas servers needed for the whole demand (0 when not feasible)
 * @param gpus {@code replicas x tensorParallel}
 * @param hosts hosts needed, each tensor-parallel group inside one host
 * @param kvBlocks KV blocks of one replica's pool (per GPU; vLLM's "# GPU blocks")
 * @param kvLimitedConcurrency sequences of mean length one replica's pool holds
 * @param latencyLimitedConcurrency largest batch meeting the TPOT target
 * @param capacityPerReplica the most load one replica carries within the targets (users or requests/s, as the workload)
 * @param achieved one replica's simulation at its share of the demand (null when not feasible)
 * @param headroom spare load: {@code replicas x capacityPerReplica / demand - 1} (0.25 = 25 % more load would still fit)
 * @param costPerHour {@code gpus x price}; {@code NaN} without a price
 */
public record PlanCandidate(String device, Precision precision, int tensorParallel, boolean feasible, String reason, int replicas,
                            int gpus, int hosts, long kvBlocks, int kvLimitedConcurrency, int latencyLimitedConcurrency,
                            double capacityPerReplica, ServingResult achieved, double headroom, double costPerHour) {
    public PlanCandidate {
        reason = reason == null ? "" : reason;
    }

    static PlanCandidate infeasible(String device, Precision precision, int tp, String reason, long blocks, int kv, int latency) {
        return new PlanCandidate(device, precision, tp, false, reason, 0, 0, 0, blocks, kv, latency, 0, null, 0, Double.NaN);
    }
}
