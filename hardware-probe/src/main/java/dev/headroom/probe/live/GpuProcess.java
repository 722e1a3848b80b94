package dev.headroom.probe.live;

/**
 * One compute process on one GPU, as {@code nvidia-smi --query-compute-apps} lists it.
 *
 * @param gpuIndex the GPU's index (the {@code gpu} label of its metrics)
 * @param pid the process id, as the driver sees it (the host's PID namespace)
 * @param processName the name the driver reports (often the executable's path), control characters removed
 * @param usedBytes device memory the process holds, or {@link #UNKNOWN} ({@code [N/A]} under Windows WDDM, MIG in a container)
 */
public record GpuProcess(int gpuIndex, long pid, String processName, long usedBytes) {
    public static final long UNKNOWN = -1L;

    public GpuProcess {
        if (gpuIndex < 0 || pid <= 0) {
            throw new IllegalArgumentException("gpuIndex and pid: must be positive, were " + gpuIndex + ", " + pid);
        }
        if (usedBytes < UNKNOWN) {
            throw new IllegalArgumentException("usedBytes: must not be negative, was " + usedBytes);
        }
        processName = processName == null ? "" : processName;
    }

    /** The bytes held, 0 when the driver cannot tell. */
    public long knownUsedBytes() {
        return Math.max(0, usedBytes);
    }
}
