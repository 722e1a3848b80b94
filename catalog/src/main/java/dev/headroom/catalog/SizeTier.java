package dev.headroom.catalog;

/**
 * The size of a trained classical model (trees, linear, statistical) for a range of training rows, as the
 * product brief's tables give it (e.g. XGBoost/LightGBM: 1-10 MB below 10K rows).
 *
 * @param maxRows upper end of the row range (inclusive), {@link Long#MAX_VALUE} for "and above"
 * @param minBytes smallest typical model file in bytes
 * @param maxBytes largest typical model file in bytes
 */
public record SizeTier(long maxRows, long minBytes, long maxBytes) {
    public SizeTier {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows: must be positive, was " + maxRows);
        }
        if (minBytes < 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("minBytes/maxBytes: need 0 <= min <= max, were " + minBytes + ", " + maxBytes);
        }
    }
}
