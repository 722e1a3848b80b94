package dev.headroom.sizing.hardware;

/**
 * Host memory as this process can use it.
 *
 * @param totalBytes physical RAM of the host
 * @param availableBytes RAM the OS can give without swapping ({@code MemAvailable})
 * @param limitBytes the container (cgroup) limit, or {@link #NO_LIMIT}
 * @param limitUsedBytes what the cgroup already uses (0 when there is no limit)
 */
public record MemoryInfo(long totalBytes, long availableBytes, long limitBytes, long limitUsedBytes) {
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
