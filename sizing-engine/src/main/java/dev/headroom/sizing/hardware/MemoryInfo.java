package dev.headroom.sizing.hardware;

/**
 * Host memory as this process can use it.
 *
 * @param totalBytes physical RAM of the host
 * @param availableBytes RAM the OS can give without swapping ({@code MemAvailable})
 * @param limitBytes the container (cgroup) limit, or {@link #NO_LIMIT}
 * @param limitUsedBytes what the cgroup already uses (0 when there is no limit)
 * @param swapTotalBytes swap space configured (0 when none or unknown)
 * @param swapFreeBytes swap space unused (0 when none or unknown)
 * @param bandwidthBytesPerSecond an estimate of peak RAM bandwidth before calibration (module speed × 8 bytes ×
 *        populated channels), 0 when the modules could not be read
 * @param modules how the RAM is built, e.g. {@code "4 × DDR5 4800 MT/s (dmidecode)"}; empty when unknown
 */
public record MemoryInfo(long totalBytes, long availableBytes, long limitBytes, long limitUsedBytes,
                         long swapTotalBytes, long swapFreeBytes, double bandwidthBytesPerSecond, String modules) {
    /** Sentinel for "no container limit applies". */
    public static final long NO_LIMIT = -1L;

    public MemoryInfo {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("totalBytes: must be positive, was " + totalBytes);
        }
        if (availableBytes < 0) {
            throw new IllegalArgumentException("availableBytes: must not be negative, was " + availableBytes);
        }
        if (limitBytes < NO_LIMIT || limitBytes == 0) {
            throw new IllegalArgumentException("limitBytes: must be positive or NO_LIMIT, was " + limitBytes);
        }
        if (swapTotalBytes < 0 || swapFreeBytes < 0) {
            throw new IllegalArgumentException("swap: must not be negative, was " + swapTotalBytes + "/" + swapFreeBytes);
        }
        if (!(bandwidthBytesPerSecond >= 0) || Double.isInfinite(bandwidthBytesPerSecond)) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond: must be finite and not negative, was " + bandwidthBytesPerSecond);
        }
        modules = modules == null ? "" : modules;
    }

    /** The foundation's shape: no swap, bandwidth or module facts known. */
    public MemoryInfo(long totalBytes, long availableBytes, long limitBytes, long limitUsedBytes) {
        this(totalBytes, availableBytes, limitBytes, limitUsedBytes, 0, 0, 0, "");
    }

    public boolean hasLimit() {
        return limitBytes != NO_LIMIT;
    }

    /** The smaller of the host's and the container's memory: what a model may occupy at most. */
    public long effectiveTotalBytes() {
        return hasLimit() ? Math.min(totalBytes, limitBytes) : totalBytes;
    }

    /** What can be allocated now: the host's available RAM, capped by what the container has left. */
    public long effectiveAvailableBytes() {
        if (!hasLimit()) {
            return availableBytes;
        }
        return Math.max(0, Math.min(availableBytes, limitBytes - limitUsedBytes));
    }
}
