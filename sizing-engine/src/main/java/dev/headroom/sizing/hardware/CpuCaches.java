package dev.headroom.sizing.hardware;

/**
 * CPU cache sizes in bytes, 0 when unknown. Per core for L1/L2 as the OS lists them (the largest
 * instance), total for L3 (all instances summed).
 *
 * @param l1dBytes level-1 data cache of one core
 * @param l2Bytes level-2 cache of one core (or one cluster on Apple Silicon)
 * @param l3Bytes last-level cache of the package, summed over instances
 */
public record CpuCaches(long l1dBytes, long l2Bytes, long l3Bytes) {
    /** No cache sizes known. */
    public static final CpuCaches UNKNOWN = new CpuCaches(0, 0, 0);

    public CpuCaches {
        if (l1dBytes < 0 || l2Bytes < 0 || l3Bytes < 0) {
            throw new IllegalArgumentException("cache sizes must not be negative, were " + l1dBytes + "/" + l2Bytes + "/" + l3Bytes);
        }
    }
}
