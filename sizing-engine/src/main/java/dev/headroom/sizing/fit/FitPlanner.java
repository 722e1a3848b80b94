package dev.headroom.sizing.fit;

import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.MemoryEstimator;
import dev.headroom.sizing.memory.MemoryRequest;
import java.util.List;

/**
 * Decides where a deployment runs: all on one GPU, spread over several GPUs, split between GPU and
 * CPU layer by layer, on the CPU alone, or nowhere. Prefers the fastest placement that fits.
 */
public final class FitPlanner {
    private FitPlanner() {
    }

    public static Placement place(HardwareProfile hw, DeploymentRequest request) {
        return place(hw, request, MemoryEstimator.estimate(request));
    }

    public static Placement place(HardwareProfile hw, DeploymentRequest request, MemoryBreakdown memory) {
        long needed = memory.totalBytes();
        long ram = hw.memory().effectiveAvailableBytes();
        List<GpuInfo> gpus = hw.gpus();
        long largest = ram;

        if (!gpus.isEmpty()) {
            long best = gpus.stream().mapToLong(GpuInfo::usableBytes).max().orElse(0);
            largest = Math.max(largest, best);
            if (needed <= best) {
                return new Placement.OnGpu(1, needed, best);
            }
            List<GpuInfo> discrete = hw.discreteGpus();
            if (discrete.size() > 1) {
                long pool = discrete.stream().mapToLong(GpuInfo::usableBytes).sum();
                // Each extra GPU holds its own compute buffer and runtime context.
                long perGpuExtra = memory.bytesOf(MemoryComponent.COMPUTE_BUFFER) + memory.bytesOf(MemoryComponent.RUNTIME_OVERHEAD);
                long neededSpread = needed + (discrete.size() - 1) * perGpuExtra;
                largest = Math.max(largest, pool);
                if (neededSpread <= pool) {
                    return new Placement.OnGpu(discrete.size(), neededSpread, pool);
                }
            }
            if (!discrete.isEmpty()) {
                Placement split = split(request, memory, discrete.stream().mapToLong(GpuInfo::usableBytes).max().orElse(0), ram);
                if (split != null) {
                    return split;
                }
            }
        }
        long cpuNeeded = needed - memory.bytesOf(MemoryComponent.RUNTIME_OVERHEAD);
        if (cpuNeeded <= ram) {
            return new Placement.OnCpu(cpuNeeded, ram);
        }
        return new Placement.DoesNotFit(needed, largest);
    }

    /**
     * The most layers whose exact weights (mixed quant types differ per layer) and KV cache fit on the
     * GPU beside its compute buffer and overhead ({@link MemorySolver#offload}); null when none fits or
     * RAM is short.
     */
    private static Placement split(DeploymentRequest request, MemoryBreakdown memory, long gpuBudget, long ramBudget) {
        OffloadPlan plan = MemorySolver.offload(MemoryRequest.from(request), gpuBudget, MarginPolicy.NONE);
        int layers = request.model().layers();
        if (plan.gpuLayers() <= 0 || plan.gpuLayers() >= layers) {
            return null;
        }
        if (plan.hostBytes() > ramBudget) {
            return null;
        }
        return new Placement.Split(plan.gpuLayers(), layers, plan.gpuBytes(), plan.hostBytes(), gpuBudget, ramBudget);
    }
}
