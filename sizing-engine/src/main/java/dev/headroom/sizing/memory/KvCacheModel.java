package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;

/**
 * KV cache bytes: per layer {@code kvHeads x (keyDim + valueDim) x tokens x bytesPerElement}, for
 * every sequence held at once. Layers with a sliding window hold at most the window.
 *
 * <p>Grouped-query attention is honoured through {@code kvHeads}: Llama-3-8B has 8 KV heads for 32
 * query heads, so its cache is a quarter of what a calculator that uses the query-head count says.
 */
public final class KvCacheModel {
    private KvCacheModel() {
    }

    /**
     * @param arch the model
     * @param contextTokens tokens held per sequence
     * @param sequences sequences held at once (batch / parallel slots)
     * @param cacheType element type of the cache: F16 (default), F32, BF16, Q8_0 (1.0625 bytes), Q4_0 (0.5625 bytes)
     */
    public static long bytes(ModelArchitecture arch, long contextTokens, int sequences, GgmlType cacheType) {
        if (contextTokens <= 0) {
            throw new IllegalArgumentException("context: must be positive, was " + contextTokens);
        }
        if (sequences <= 0) {
            throw new IllegalArgumentException("batch: must be positive, was " + sequences);
        }
        long rowBytes = cacheType.bytesFor(arch.kvWidth(), arch.kvWidth()); // one token's K (or V) in one layer
        int windowed = arch.slidingWindow() > 0 ? arch.slidingWindowLayers() : 0;
        long windowTokens = windowed > 0 ? Math.min(contextTokens, arch.slidingWindow()) : 0;
        long tokenLayers = Math.addExact(
                Math.multiplyExact((long) (arch.layers() - windowed), contextTokens),
                Math.multiplyExact((long) windowed, windowTokens));
        long perSequence = Math.multiplyExact(Math.multiplyExact(tokenLayers, rowBytes), 2L);
        return Math.multiplyExact(perSequence, (long) sequences);
    }
}
