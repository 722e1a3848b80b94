package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;

/**
 * KV cache bytes: per layer {@code kvHeads x (keyDim + valueDim) x tokens x bytesPerElement}, for
 * every sequence held at once. Layers with a sliding window hold at most the window.
 *
 * <p>Grouped-query attention is honoured through {@code kvHeads}: Llama-3-8B has 8 KV heads for 32
 * query heads, so its cache is a quarter of what a calculator that uses the query-head count says.
 * Runtimes allocate in units: vLLM in blocks of 16 tokens per sequence (its {@code --block-size}
 * default), llama.cpp pads the context to a multiple of 256 ({@code GGML_PAD(cparams.n_ctx, 256)} in
 * src/llama-context.cpp). Encoder-only models (BERT family) keep no cache.
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
        return bytes(arch, contextTokens, sequences, KvCacheFormat.of(cacheType), 1);
    }

    /**
     * @param format element format of the cache
     * @param allocationTokens the runtime's allocation unit in tokens per sequence (1, 16 for vLLM blocks, 256 for llama.cpp)
     */
    public static long bytes(ModelArchitecture arch, long contextTokens, int sequences, KvCacheFormat format, int allocationTokens) {
        if (contextTokens <= 0) {
            throw new IllegalArgumentException("context: must be positive, was " + contextTokens);
        }
        if (sequences <= 0) {
            throw new IllegalArgumentException("batch: must be positive, was " + sequences);
        }
        if (allocationTokens <= 0) {
            throw new IllegalArgumentException("allocationTokens: must be positive, was " + allocationTokens);
        }
        if (arch.family() == ArchitectureFamily.BERT) {
            return 0;
        }
        long tokens = roundUp(contextTokens, allocationTokens);
        return Math.multiplyExact(perSequenceBytes(arch, tokens, format), (long) sequences);
    }

    /** Bytes of one token's K and V across all layers (ignoring windows): what vLLM calls the per-token cache size. */
    public static long bytesPerToken(ModelArchitecture arch, KvCacheFormat format) {
        return Math.multiplyExact(Math.multiplyExact(format.rowBytes(arch.kvWidth()), 2L), (long) arch.layers());
    }

    static long perSequenceBytes(ModelArchitecture arch, long tokens, KvCacheFormat format) {
        long rowBytes = format.rowBytes(arch.kvWidth()); // one token's K (or V) in one layer
        int windowed = arch.slidingWindow() > 0 ? arch.slidingWindowLayers() : 0;
        long windowTokens = windowed > 0 ? Math.min(tokens, arch.slidingWindow()) : 0;
        long tokenLayers = Math.addExact(
                Math.multiplyExact((long) (arch.layers() - windowed), tokens),
                Math.multiplyExact((long) windowed, windowTokens));
        return Math.multiplyExact(Math.multiplyExact(tokenLayers, rowBytes), 2L);
    }

    static long roundUp(long value, long unit) {
        return Math.multiplyExact(Math.addExact(value, unit - 1) / unit, unit);
    }
}
