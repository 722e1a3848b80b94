package dev.headroom.probe.live;

/**
 * One GPU at one instant.
 *
 * @param index the device index in its API (CUDA ordinal); the {@code gpu} label of its metrics
 * @param vendor {@code NVIDIA}, {@code AMD}, ...
 * @param name the name the driver reports
 * @param memoryTotalBytes device memory
 * @param memoryUsedBytes device memory in use, or {@link #UNKNOWN}
 * @param utilizationRatio busy fraction 0..1 over the driver's last sample period, or {@link Double#NaN} when the source cannot tell
 */
public record GpuSample(int index, String vendor, String name, long memoryTotalBytes, long memoryUsedBytes,
                        double utilizationRatio) {
    public static final long UNKNOWN = -1L;

    public GpuSample {
        vendor = vendor == null ? "unknown" : vendor;
        name = name == null ? "unknown" : name;
        if (index < 0) {
            throw new IllegalArgumentException("index: must not be negative, was " + index);
        }
        if (memoryTotalBytes < 0) {
            throw new IllegalArgumentException("memoryTotalBytes: must not be negative, was " + memoryTotalBytes);
        }
        if (memoryUsedBytes < UNKNOWN) {
            throw new IllegalArgumentException("memoryUsedBytes: must not be negative, was " + memoryUsedBytes);
        }
        if (utilizationRatio < 0 || utilizationRatio > 1) {
            throw new IllegalArgumentException("utilizationRatio: must be within 0..1, was " + utilizationRatio);
        }
    }

    public boolean hasUsed() {
        return memoryUsedBytes != UNKNOWN;
    }

    public boolean hasUtilization() {
        return !Double.isNaN(utilizationRatio);
    }

    /** Free device memory; the total when the source cannot tell what is used. */
    public long memoryFreeBytes() {
        return hasUsed() ? Math.max(0, memoryTotalBytes - memoryUsedBytes) : memoryTotalBytes;
    }
}
