package dev.headroom.sizing.hardware;

/**
 * One accelerator as the probe saw it.
 *
 * @param index the device index in its API (CUDA ordinal, ...)
 * @param vendor {@code NVIDIA}, {@code AMD}, {@code Intel}, {@code Apple}
 * @param name the name the driver reports
 * @param memoryTotalBytes device memory (for Apple: the GPU-usable share of unified memory)
 * @param memoryFreeBytes memory free now, or {@link #UNKNOWN} when the source cannot tell
 * @param unifiedMemory whether the device shares host RAM (Apple Silicon, integrated GPUs)
 * @param source where the reading came from: {@code jcuda}, {@code nvidia-smi}, {@code rocm-smi}, {@code sysfs}, {@code sysctl}, {@code oshi}
 */
public record GpuInfo(int index, String vendor, String name, long memoryTotalBytes, long memoryFreeBytes,
                      boolean unifiedMemory, String source) {
    public static final long UNKNOWN = -1L;

    public GpuInfo {
        vendor = vendor == null ? "unknown" : vendor;
        name = name == null ? "unknown" : name;
        source = source == null ? "unknown" : source;
        if (memoryTotalBytes < 0) {
            throw new IllegalArgumentException("memoryTotalBytes: must not be negative, was " + memoryTotalBytes);
        }
        if (memoryFreeBytes < UNKNOWN) {
            throw new IllegalArgumentException("memoryFreeBytes: must not be negative, was " + memoryFreeBytes);
        }
    }

    /** Free memory, or the total when the source cannot tell what is free. */
    public long usableBytes() {
        return memoryFreeBytes == UNKNOWN ? memoryTotalBytes : Math.min(memoryFreeBytes, memoryTotalBytes);
    }
}
