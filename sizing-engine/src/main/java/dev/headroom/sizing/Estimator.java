package dev.headroom.sizing;

import dev.headroom.sizing.fit.FitPlanner;
import dev.headroom.sizing.fit.Placement;
import dev.headroom.sizing.hardware.DeviceCeilings;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryEstimator;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.speed.SpeedEstimate;
import dev.headroom.sizing.speed.SpeedModel;
import java.util.List;

/**
 * The engine's front door: memory, placement and speed of a deployment on a machine.
 *
 * @param hardware the machine
 * @param cpu the CPU's achievable ceilings
 * @param gpu the (largest) GPU's achievable ceilings, or null when the machine has none
 */
public record Estimator(HardwareProfile hardware, DeviceCeilings cpu, DeviceCeilings gpu) {
    public Estimator {
        if (hardware == null || cpu == null) {
            throw new IllegalArgumentException("hardware and cpu ceilings are required");
        }
    }

    public Estimate estimate(DeploymentRequest request) {
        MemoryBreakdown memory = MemoryEstimator.estimate(request);
        Placement placement = FitPlanner.place(hardware, request, memory);
        SpeedEstimate speed;
        if (placement instanceof Placement.Split s) {
            speed = SpeedModel.split(request, s.gpuFraction(), gpuOrCpu(), cpu);
        } else if (placement instanceof Placement.OnCpu) {
            speed = SpeedModel.onDevice(request, cpu);
        } else {
            speed = SpeedModel.onDevice(request, gpuOrCpu());
        }
        return new Estimate(request, memory, placement, speed);
    }

    /**
     * Walks the ladder from the best precision down and returns the first estimate that fits, or the
     * last (smallest) one when none does.
     */
    public Estimate bestFit(DeploymentRequest request, List<Precision> ladder) {
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("ladder: must name at least one precision");
        }
        Estimate last = null;
        for (Precision p : ladder) {
            last = estimate(request.withPrecision(p));
            if (last.placement().fits()) {
                return last;
            }
        }
        return last;
    }

    private DeviceCeilings gpuOrCpu() {
        return gpu != null ? gpu : cpu;
    }
}
