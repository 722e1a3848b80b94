package dev.headroom.sizing;

import dev.headroom.sizing.fit.FitPlanner;
import dev.headroom.sizing.fit.Placement;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.MemoryEstimator;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.speed.SpeedEstimate;
import dev.headroom.sizing.speed.SpeedModel;

/**
 * The engine's front door: memory, placement and speed of one deployment at one precision on a machine.
 * Which precision to choose is a policy above the engine (the advisor's fit policy).
 *
 * @param hardware the machine
 * @param cpu the CPU's achievable ceilings (measured by calibration, or defaults)
 * @param gpu the GPUs' achievable ceilings (datasheet x class constants), or null when the machine has no GPU
 *            or its GPU's rates are unknown: GPU placements then have an unknown speed, never CPU ceilings
 * @param gpuUnknownReason why {@code gpu} is null although the machine has GPUs (empty otherwise)
 */
public record Estimator(HardwareProfile hardware, SpeedCeilings cpu, SpeedCeilings gpu, String gpuUnknownReason) {
    public Estimator {
        if (hardware == null || cpu == null) {
            throw new IllegalArgumentException("hardware and cpu ceilings are required");
        }
        gpuUnknownReason = gpuUnknownReason == null ? "" : gpuUnknownReason;
    }

    public Estimator(HardwareProfile hardware, SpeedCeilings cpu, SpeedCeilings gpu) {
        this(hardware, cpu, gpu, gpu == null && !hardware.gpus().isEmpty() ? "GPU rates unknown" : "");
    }

    /**
     * Where decode and prefill speeds are taken.
     *
     * @param promptTokens tokens of the prompt (prefill rate and time to first token)
     * @param decodeContextTokens the KV position at which decode speed is given
     */
    public record SpeedPoint(long promptTokens, long decodeContextTokens) {
        public SpeedPoint {
            if (promptTokens < 1 || decodeContextTokens < 0 || decodeContextTokens > DeploymentRequest.MAX_CONTEXT) {
                throw new IllegalArgumentException("speed point: prompt must be positive and context within 0.."
                        + DeploymentRequest.MAX_CONTEXT + ", were " + promptTokens + ", " + decodeContextTokens);
            }
        }

        /** Every report's default: a prompt of one micro-batch (512 tokens, or the context if shorter), decode at the full context (the slowest point). */
        public static SpeedPoint of(DeploymentRequest r) {
            return new SpeedPoint(Math.min(r.contextTokens(), SpeedModel.PREFILL_UBATCH), r.contextTokens());
        }
    }

    public Estimate estimate(DeploymentRequest request) {
        return estimate(request, SpeedPoint.of(request));
    }

    public Estimate estimate(DeploymentRequest request, SpeedPoint point) {
        MemoryBreakdown memory = MemoryEstimator.estimate(request);
        Placement placement = FitPlanner.place(hardware, request, memory);
        if (placement instanceof Placement.OnCpu || (hardware.gpus().isEmpty())) {
            // No GPU in use: no CUDA/Metal context is allocated.
            memory = memory.without(MemoryComponent.RUNTIME_OVERHEAD);
        }
        Estimate.Alternative other = null;
        if (placement.borderline()) {
            // Both sides of the band: if the real need is over the limit, the runtime offloads (or runs on the CPU).
            Placement strict = FitPlanner.placeWithoutBand(hardware, request, memory);
            other = new Estimate.Alternative(strict, speed(request, strict, point));
        }
        return new Estimate(request, memory, placement, speed(request, placement, point), other);
    }

    /**
     * Share of the weights a token streams that sit on the GPU in a partial offload: the offloaded blocks; the output head
     * stays in host RAM with the remaining blocks (llama.cpp offloads it last, as layer n + 1), so with every block on the
     * GPU but not the head, the CPU still streams the head each token. The token-embedding table is looked up, not
     * streamed.
     */
    static double streamedOnGpu(DeploymentRequest request, Placement.Split s) {
        var a = request.model();
        var p = request.precision();
        double outside = dev.headroom.sizing.memory.WeightSizer.outsideBytes(a, p);
        double embedding = dev.headroom.sizing.memory.WeightSizer.tokenEmbeddingBytes(a, p);
        double blocks = dev.headroom.sizing.memory.WeightSizer.weightBytes(a, p) - outside;
        double head = a.tiedEmbeddings() ? embedding : Math.max(0, outside - embedding);
        if (!(blocks > 0)) {
            return s.gpuFraction();
        }
        return Math.min(1.0, s.gpuFraction() * blocks / (blocks + head));
    }

    /** The speed of a request in a placement; the one place where placements turn into speeds. */
    public SpeedEstimate speed(DeploymentRequest request, Placement placement, SpeedPoint point) {
        if (placement instanceof Placement.OnCpu) {
            return SpeedModel.single(SpeedModel.serve(request, cpu, 1, point.promptTokens(), point.decodeContextTokens()));
        }
        if (placement instanceof Placement.DoesNotFit) {
            return SpeedEstimate.unknown("does not fit: no speed");
        }
        if (gpu == null) {
            return SpeedEstimate.unknown(gpuUnknownReason.isEmpty() ? "GPU rates unknown" : gpuUnknownReason);
        }
        if (placement instanceof Placement.Split s) {
            return SpeedModel.split(request, streamedOnGpu(request, s), gpu, cpu, point.promptTokens(), point.decodeContextTokens());
        }
        Placement.OnGpu g = (Placement.OnGpu) placement;
        return SpeedModel.single(SpeedModel.serve(request, gpu, g.gpuCount(), point.promptTokens(), point.decodeContextTokens()));
    }
}
