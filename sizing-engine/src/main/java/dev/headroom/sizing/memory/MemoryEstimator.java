package dev.headroom.sizing.memory;

/**
 * Memory needed to serve a {@link DeploymentRequest}: weights + KV cache + compute buffer + runtime
 * overhead. Delegates to {@link MemoryModel}, which takes the richer {@link MemoryRequest}.
 */
public final class MemoryEstimator {
    private MemoryEstimator() {
    }

    public static MemoryBreakdown estimate(DeploymentRequest r) {
        return MemoryModel.estimate(MemoryRequest.from(r));
    }
}
