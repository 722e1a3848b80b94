package dev.headroom.dashboard.fleet;

import java.util.Locale;

/**
 * What one replica needs from a host: {@code tensorParallel} GPUs of one kind in that host, each with
 * enough free memory.
 *
 * @param tensorParallel GPUs per replica, 1..64
 * @param bytesPerGpu memory one replica needs on each of its GPUs (llama.cpp, Ollama: the engine's
 *                    estimate per GPU); 0 when {@code shareOfTotal} decides
 * @param shareOfTotal share of each GPU's total memory one replica claims (vLLM's
 *                     {@code gpu_memory_utilization}, 0.9: vLLM starts only if that much is free); 0 when {@code bytesPerGpu} decides
 * @param gpuNameContains only GPUs whose name contains this (case-insensitive), e.g. {@code H100}; "" for any
 */
public record ReplicaShape(int tensorParallel, long bytesPerGpu, double shareOfTotal, String gpuNameContains) {
    public ReplicaShape {
        if (tensorParallel < 1 || tensorParallel > 64) {
            throw new IllegalArgumentException("gpus: must be within 1..64, was " + tensorParallel);
        }
        if (bytesPerGpu < 0 || !(shareOfTotal >= 0 && shareOfTotal <= 1) || (bytesPerGpu == 0) == (shareOfTotal == 0)) {
            throw new IllegalArgumentException("replica: give either bytes per GPU or a share of total memory, were "
                    + bytesPerGpu + ", " + shareOfTotal);
        }
        gpuNameContains = gpuNameContains == null ? "" : gpuNameContains.trim();
    }

    /** A vLLM replica: {@code utilization} of each GPU's memory. */
    public static ReplicaShape vllm(int tensorParallel, double utilization, String gpuNameContains) {
        return new ReplicaShape(tensorParallel, 0, utilization, gpuNameContains);
    }

    /** A replica needing {@code bytesPerGpu} on each GPU. */
    public static ReplicaShape bytes(int tensorParallel, long bytesPerGpu, String gpuNameContains) {
        return new ReplicaShape(tensorParallel, bytesPerGpu, 0, gpuNameContains);
    }

    /** Bytes one replica needs on this GPU. */
    public long needOn(FleetGpu gpu) {
        return bytesPerGpu > 0 ? bytesPerGpu : (long) Math.ceil(shareOfTotal * gpu.memoryTotalBytes());
    }

    public boolean accepts(FleetGpu gpu) {
        return gpuNameContains.isEmpty() || gpu.name().toLowerCase(Locale.ROOT).contains(gpuNameContains.toLowerCase(Locale.ROOT));
    }
}
