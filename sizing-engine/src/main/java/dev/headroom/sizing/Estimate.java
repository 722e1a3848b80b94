package dev.headroom.sizing;

import dev.headroom.sizing.fit.Placement;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.speed.SpeedEstimate;

/** Everything headroom says about one deployment on one machine: memory, placement, speed, each sourced. */
public record Estimate(DeploymentRequest request, MemoryBreakdown memory, Placement placement, SpeedEstimate speed) {
    public Estimate {
        if (request == null || memory == null || placement == null || speed == null) {
            throw new IllegalArgumentException("request, memory, placement and speed are required");
        }
    }
}
