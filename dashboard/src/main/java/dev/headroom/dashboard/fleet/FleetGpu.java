package dev.headroom.dashboard.fleet;

/**
 * One GPU of a host, as its last scrape reported it.
 *
 * @param index the {@code gpu} label (CUDA ordinal)
 * @param vendor {@code NVIDIA}, {@code AMD}, ...
 * @param name the driver's name for it
 * @param memoryTotalBytes device memory, bytes
 * @param memoryUsedBytes device memory in use, bytes, or {@link #UNKNOWN} when the host cannot tell
 * @param bandwidthBytesPerSecond calibrated memory bandwidth, or {@link Double#NaN} when the host exports none
 * @param flopsPerSecond calibrated dense compute, or {@link Double#NaN} when the host exports none
 */
public record FleetGpu(int index, String vendor, String name, long memoryTotalBytes, long memoryUsedBytes,
                       double bandwidthBytesPerSecond, double flopsPerSecond) {
    public static final long UNKNOWN = -1;

    public FleetGpu {
        vendor = vendor == null || vendor.isEmpty() ? "unknown" : vendor;
        name = name == null || name.isEmpty() ? "unknown" : name;
        if (memoryTotalBytes < 0) {
            throw new IllegalArgumentException("GPU " + index + ": total memory must not be negative, was " + memoryTotalBytes);
        }
    }

    /** Free device memory: total minus used; the total when use is unknown (nothing else known to run there). */
    public long freeBytes() {
        return memoryUsedBytes == UNKNOWN ? memoryTotalBytes : Math.max(0, memoryTotalBytes - memoryUsedBytes);
    }

    public boolean calibrated() {
        return !Double.isNaN(bandwidthBytesPerSecond) && !Double.isNaN(flopsPerSecond);
    }
}
