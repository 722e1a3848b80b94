package dev.headroom.sizing.fit;

import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.MemoryEstimator;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.WeightSizer;
import java.util.List;

/**
 * Decides where a deployment runs (GPU needs exclude the token-embedding table that llama.cpp keeps in host
 * RAM), in this order: all on one GPU; spread over several discrete GPUs;
 * either of those within the estimate's own uncertainty of the limit (a borderline fit, labelled so,
 * instead of flipping to another device); split between the GPU(s) and host RAM layer by layer (llama.cpp
 * partial offload, also over several GPUs and on unified-memory GPUs); host RAM alone (no GPU runtime
 * context charged); nowhere, with the shortfall.
 */
public final class FitPlanner {
    /**
     * Relative uncertainty of a memory estimate near a device limit: the memory accuracy report finds
     * weights within 0.07% and runtime buffers within 5% of what llama.cpp and vLLM log, and the CUDA
     * context (~300 MiB) is a DEFAULT assumption; 2% of the total covers both on 4-80 GiB deployments.
     */
    public static final double UNCERTAINTY = 0.02;

    private FitPlanner() {
    }

    public static Placement place(HardwareProfile hw, DeploymentRequest request) {
        return place(hw, request, MemoryEstimator.estimate(request));
    }

    public static Placement place(HardwareProfile hw, DeploymentRequest request, MemoryBreakdown memory) {
        return place(hw, request, memory, true);
    }

    /**
     * Where the model goes if its need is taken as exact, with no uncertainty band: the other side of a borderline
     * placement (a GPU-resident placement that is tight becomes a partial offload, a tight CPU placement does not fit).
     */
    public static Placement placeWithoutBand(HardwareProfile hw, DeploymentRequest request, MemoryBreakdown memory) {
        return place(hw, request, memory, false);
    }

    private static Placement place(HardwareProfile hw, DeploymentRequest request, MemoryBreakdown memory, boolean band) {
        long needed = memory.totalBytes();
        // llama.cpp keeps the token-embedding table in host RAM whatever -ngl says (only a row is looked up per
        // token); GPU memory holds the rest. A tied table doubles as the output head and is copied to the GPU.
        long hostOnly = request.runtime().loadsGguf() && !request.model().tiedEmbeddings()
                ? WeightSizer.tokenEmbeddingBytes(request.model(), request.precision()) : 0;
        long gpuNeeded = needed - hostOnly;
        long ram = hw.memory().effectiveAvailableBytes();
        List<GpuInfo> gpus = hw.gpus();
        List<GpuInfo> discrete = hw.discreteGpus();
        long best = gpus.stream().mapToLong(GpuInfo::usableBytes).max().orElse(0);
        long perGpuExtra = memory.bytesOf(MemoryComponent.COMPUTE_BUFFER) + memory.bytesOf(MemoryComponent.RUNTIME_OVERHEAD);
        long pool = discrete.stream().mapToLong(GpuInfo::usableBytes).sum();
        long neededSpread = gpuNeeded + (discrete.size() - 1L) * perGpuExtra;
        long cpuNeeded = needed - memory.bytesOf(MemoryComponent.RUNTIME_OVERHEAD);
        long largest = Math.max(ram, Math.max(best, discrete.size() > 1 ? pool : 0));

        if (!gpus.isEmpty()) {
            if (gpuNeeded <= best) {
                return new Placement.OnGpu(1, gpuNeeded, best, false);
            }
            if (discrete.size() > 1 && neededSpread <= pool) {
                return new Placement.OnGpu(discrete.size(), neededSpread, pool, false);
            }
            if (band && within(gpuNeeded, best)) {
                return new Placement.OnGpu(1, gpuNeeded, best, true);
            }
            if (band && discrete.size() > 1 && within(neededSpread, pool)) {
                return new Placement.OnGpu(discrete.size(), neededSpread, pool, true);
            }
            Placement split = split(hw, request, ram);
            if (split != null) {
                return split;
            }
        }
        if (cpuNeeded <= ram) {
            return new Placement.OnCpu(cpuNeeded, ram, false);
        }
        if (band && within(cpuNeeded, ram)) {
            return new Placement.OnCpu(cpuNeeded, ram, true);
        }
        return new Placement.DoesNotFit(gpus.isEmpty() ? cpuNeeded : needed, largest);
    }

    /**
     * The smallest band, whatever the size: CUDA contexts vary by 250-500 MiB across drivers and GPUs (the
     * context is an assumed 300 MiB), more than 2% of a small model's need.
     */
    public static final long UNCERTAINTY_FLOOR_BYTES = 256L << 20;

    /** Whether {@code needed} exceeds {@code budget} by no more than the estimate's uncertainty. */
    static boolean within(long needed, long budget) {
        return budget > 0 && needed <= budget + Math.max((long) (needed * UNCERTAINTY), UNCERTAINTY_FLOOR_BYTES);
    }

    /**
     * Partial offload: the most blocks whose exact weights (mixed quant types differ per layer) and KV cache
     * fit beside each GPU's compute buffer and overhead ({@link MemorySolver#offload}), the rest in host RAM.
     * Several discrete GPUs pool their budgets less one compute buffer and context each (llama.cpp
     * {@code --split-mode layer}); a unified-memory GPU shares host RAM, so its part comes out of the same
     * RAM budget. Null when not one block fits or RAM is short.
     */
    private static Placement split(HardwareProfile hw, DeploymentRequest request, long ram) {
        MemoryRequest r = MemoryRequest.from(request);
        List<GpuInfo> discrete = hw.discreteGpus();
        boolean unified = discrete.isEmpty();
        List<GpuInfo> used = unified ? hw.gpus() : discrete;
        GpuInfo largestGpu = used.stream().max((a, b) -> Long.compare(a.usableBytes(), b.usableBytes())).orElseThrow();
        long gpuBudget = unified ? Math.min(largestGpu.usableBytes(), ram) : used.stream().mapToLong(GpuInfo::usableBytes).sum();
        int gpuCount = unified ? 1 : used.size();
        OffloadPlan plan = MemorySolver.offload(r, gpuBudget, MarginPolicy.NONE, gpuCount);
        int layers = request.model().layers();
        if (plan.gpuLayers() <= 0) {
            return null;
        }
        if (plan.fullyOffloaded()) {
            // Every block and the output head on the GPU, only the token-embedding table in host RAM: llama.cpp's
            // "offloaded 33/33 layers", which keeps token_embd on the host whatever -ngl says. The model is GPU-resident.
            return new Placement.OnGpu(gpuCount, plan.gpuBytes(), gpuBudget, false);
        }
        long cpuBudget = unified ? Math.max(0, ram - plan.gpuBytes()) : ram;
        if (plan.hostBytes() > cpuBudget) {
            return null;
        }
        return new Placement.Split(plan.gpuLayers(), layers, plan.gpuBytes(), plan.hostBytes(), gpuBudget, cpuBudget, gpuCount);
    }
}
