package dev.headroom.dashboard.live;

import dev.headroom.sizing.Estimate;

/** A watched deployment sized against the memory free at one instant. */
public record WatchResult(ResolvedWatch watch, Estimate estimate) {
    public WatchResult {
        if (watch == null || estimate == null) {
            throw new IllegalArgumentException("watch and estimate are required");
        }
    }

    public boolean fits() {
        return estimate.placement().fits();
    }

    /** Bytes left in the memory pool it would use; negative: the shortfall. */
    public long headroomBytes() {
        return estimate.placement().headroomBytes();
    }

    /** Estimated decode tokens/s for one sequence; 0 when it does not fit. */
    public double decodeTokensPerSecond() {
        return fits() ? estimate.speed().decodeTokensPerSecond() : 0;
    }
}
