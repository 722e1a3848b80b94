package dev.headroom.sizing;

import dev.headroom.sizing.fit.Placement;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.speed.SpeedEstimate;

/**
 * Everything headroom says about one deployment on one machine: memory, placement, speed, each sourced.
 *
 * @param ifOverLimit for a borderline placement (the need is over the limit by no more than the memory estimate's
 *                    uncertainty): where the runtime would put the model if the real need is over the limit after all,
 *                    with its speed; null otherwise
 */
public record Estimate(DeploymentRequest request, MemoryBreakdown memory, Placement placement, SpeedEstimate speed,
                       Alternative ifOverLimit) {
    public Estimate {
        if (request == null || memory == null || placement == null || speed == null) {
            throw new IllegalArgumentException("request, memory, placement and speed are required");
        }
    }

    /** An estimate without an alternative placement. */
    public Estimate(DeploymentRequest request, MemoryBreakdown memory, Placement placement, SpeedEstimate speed) {
        this(request, memory, placement, speed, null);
    }

    /** The other placement of a borderline estimate and its speed. */
    public record Alternative(Placement placement, SpeedEstimate speed) {
        public Alternative {
            if (placement == null || speed == null) {
                throw new IllegalArgumentException("placement and speed are required");
            }
        }
    }
}
