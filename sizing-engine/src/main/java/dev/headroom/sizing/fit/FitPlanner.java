package dev.headroom.sizing.fit;

import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.MemoryEstimator;
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

    /** The most layers whose weights and KV cache fit on the GPU beside its fixed buffers; null when none fits or RAM is short. */
    private static Placement split(DeploymentRequest request, MemoryBreakdown memory, long gpuBudget, long ramBudget) {
        int layers = request.model().layers();
        long fixed = memory.bytesOf(MemoryComponent.COMPUTE_BUFFER) + memory.bytesOf(MemoryComponent.RUNTIME_OVERHEAD);
        long layerBytes = (memory.weightsBytes() + memory.kvCacheBytes()) / layers;
        if (gpuBudget <= fixed || layerBytes <= 0) {
            return null;
        }
        int gpuLayers = (int) Math.min(layers - 1L, (gpuBudget - fixed) / layerBytes);
        if (gpuLayers <= 0) {
            return null;
        }
        long gpuBytes = fixed + gpuLayers * layerBytes;
        long cpuBytes = memory.totalBytes() - gpuBytes;
        if (cpuBytes > ramBudget) {
            return null;
        }
        return new Placement.Split(gpuLayers, layers, gpuBytes, cpuBytes, gpuBudget, ramBudget);
    }
}
