package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ArchitectureExtensions;
import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.LayerKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;

/**
 * KV cache bytes: per attention layer {@code kvHeads x (keyDim + valueDim) x tokens x bytesPerElement}, for
 * every sequence held at once, plus the constant recurrent state of state space and linear attention layers.
 *
 * <p>Grouped-query attention is honoured through {@code kvHeads}: Llama-3-8B has 8 KV heads for 32
 * query heads, so its cache is a quarter of what a calculator that uses the query-head count says.
 * Runtimes allocate in units: vLLM in blocks of 16 tokens per sequence (its {@code --block-size}
 * default), llama.cpp pads the context to a multiple of 256 ({@code GGML_PAD(cparams.n_ctx, 256)} in
 * src/llama-context.cpp). Encoder-only models (BERT family) keep no cache.
 *
 * <p>Per layer kind ({@link ModelArchitecture#layerKind}):
 * <ul>
 *   <li>full attention: every token; multi-head latent attention keeps {@code kvLoraRank + qkRopeHeadDim}
 *       elements per token (the compressed latent and the shared rotary key, one "head"), which is what vLLM's
 *       MLA backends allocate ({@code MLAAttentionSpec}: one KV head of size kv_lora_rank + qk_rope_head_dim) and
 *       what llama.cpp keeps since its V-less cache for MLA (ggml-org/llama.cpp#19067, January 2026: the latent is
 *       the K cache and V is read from it; before it a separate 512-wide V doubled the cache). The same layout
 *       printed "c^KV (f16): 1952 MiB, K^R (f16): 244 MiB" for DeepSeek-V3 at 32k in ggml-org/llama.cpp#11446;</li>
 *   <li>sliding window: llama.cpp's iSWA cache ({@code llama_kv_cache_iswa}, src/llama-kv-cache-iswa.cpp) gives
 *       the windowed layers {@code GGML_PAD(min(n_ctx, n_swa x n_seq + n_ubatch), 256)} cells: the window plus
 *       one micro-batch so a batch can be written before old cells are evicted. vLLM allocates the window per
 *       sequence in blocks. The {@code windowExtraTokens} argument is the micro-batch for llama.cpp, 0 for vLLM;</li>
 *   <li>Mamba-2: per sequence {@code (d_conv - 1) x (d_inner + 2 x groups x d_state)} convolution state plus
 *       {@code d_inner x d_state} SSM state; Mamba: {@code (d_conv - 1) x d_inner} plus {@code d_inner x d_state};
 *       gated DeltaNet: {@code (kernel - 1) x (2 x key_dim + value_dim)} plus {@code value_heads x key_dim_head x
 *       value_dim_head}. llama.cpp keeps these in F32 ({@code llama_memory_recurrent}, src/llama-memory-recurrent.cpp:
 *       {@code n_embd_r()}, {@code n_embd_s()} per cell, one cell per sequence), whatever the KV cache type.</li>
 * </ul>
 */
public final class KvCacheModel {
    /** llama.cpp's recurrent state element: F32 (4 bytes). */
    public static final int RECURRENT_STATE_BYTES = 4;

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
        return bytes(arch, contextTokens, sequences, format, allocationTokens, 0);
    }

    /**
     * @param windowExtraTokens cells a sliding-window layer keeps beyond the window (llama.cpp: {@code n_ubatch}, 512 by default)
     */
    public static long bytes(ModelArchitecture arch, long contextTokens, int sequences, KvCacheFormat format,
                             int allocationTokens, int windowExtraTokens) {
        if (contextTokens <= 0) {
            throw new IllegalArgumentException("context: must be positive, was " + contextTokens);
        }
        if (sequences <= 0) {
            throw new IllegalArgumentException("batch: must be positive, was " + sequences);
        }
        if (allocationTokens <= 0) {
            throw new IllegalArgumentException("allocationTokens: must be positive, was " + allocationTokens);
        }
        if (windowExtraTokens < 0) {
            throw new IllegalArgumentException("windowExtraTokens: must not be negative, was " + windowExtraTokens);
        }
        if (arch.family() == ArchitectureFamily.BERT) {
            return 0;
        }
        long tokens = roundUp(contextTokens, allocationTokens);
        long windowTokens = Math.min(tokens, roundUp(arch.slidingWindow() + (long) windowExtraTokens, allocationTokens));
        long perSequence = Math.addExact(attentionBytes(arch, tokens, windowTokens, format), recurrentStateBytes(arch));
        return Math.multiplyExact(perSequence, (long) sequences);
    }

    /**
     * Bytes of one token's cache across all attention layers (ignoring windows): what vLLM calls the per-token
     * cache size. Layers without a KV cache (state space, linear attention) add nothing.
     */
    public static long bytesPerToken(ModelArchitecture arch, KvCacheFormat format) {
        long attentionLayers = (long) arch.layersOf(LayerKind.FULL_ATTENTION) + arch.layersOf(LayerKind.SLIDING_ATTENTION);
        return Math.multiplyExact(rowBytes(arch, format), attentionLayers);
    }

    /** Bytes of the recurrent state of one sequence (state space and linear attention layers), F32 as llama.cpp keeps it. */
    public static long recurrentStateBytes(ModelArchitecture arch) {
        ArchitectureExtensions x = arch.extensions();
        long elements = 0;
        for (int layer = 0; layer < arch.layers(); layer++) {
            long conv = x.ssmConvKernel() - 1L;
            elements += switch (arch.layerKind(layer)) {
                case MAMBA2 -> conv * (x.ssmInnerSize() + 2L * x.ssmGroups() * x.ssmStateSize())
                        + (long) x.ssmInnerSize() * x.ssmStateSize();
                case MAMBA -> conv * x.ssmInnerSize() + (long) x.ssmInnerSize() * x.ssmStateSize();
                case LINEAR_ATTENTION -> conv * (2L * x.linearKeyHeads() * x.linearKeyHeadDim()
                        + (long) x.linearValueHeads() * x.linearValueHeadDim())
                        + (long) x.linearValueHeads() * x.linearKeyHeadDim() * x.linearValueHeadDim();
                default -> 0;
            };
        }
        return Math.multiplyExact(elements, (long) RECURRENT_STATE_BYTES);
    }

    /**
     * What the cache holds per token, in words: "32 layers x 8 kv heads x 128 x 2 (K,V)", or with a layer pattern
     * "12 full + 12 sliding (window 128) layers x ...", "61 layers x latent 512 + rope 64 (MLA)", plus the recurrent
     * layers whose state is constant.
     */
    public static String layout(ModelArchitecture arch) {
        long full = arch.layersOf(LayerKind.FULL_ATTENTION);
        long windowed = arch.layersOf(LayerKind.SLIDING_ATTENTION);
        String layers = windowed == 0 ? full + " layers"
                : full == 0 ? windowed + " sliding (window " + arch.slidingWindow() + ") layers"
                : full + " full + " + windowed + " sliding (window " + arch.slidingWindow() + ") layers";
        ArchitectureExtensions x = arch.extensions();
        String row = x.isLatentAttention()
                ? " x latent " + x.kvLoraRank() + " + rope " + x.qkRopeHeadDim() + " (MLA)"
                : " x " + arch.kvHeads() + " kv heads x " + arch.headDim() + " x 2 (K,V)";
        long recurrent = arch.layers() - full - windowed;
        return layers + row + (recurrent > 0 ? " + constant F32 state of " + recurrent + " recurrent layers" : "");
    }

    /** One token's K and V (or latent) in one attention layer. */
    static long rowBytes(ModelArchitecture arch, KvCacheFormat format) {
        if (arch.extensions().isLatentAttention()) {
            return format.rowBytes(arch.kvElementsPerToken());
        }
        return Math.multiplyExact(format.rowBytes(arch.kvWidth()), 2L);
    }

    private static long attentionBytes(ModelArchitecture arch, long tokens, long windowTokens, KvCacheFormat format) {
        long full = arch.layersOf(LayerKind.FULL_ATTENTION);
        long windowed = arch.layersOf(LayerKind.SLIDING_ATTENTION);
        long tokenLayers = Math.addExact(Math.multiplyExact(full, tokens), Math.multiplyExact(windowed, windowTokens));
        return Math.multiplyExact(tokenLayers, rowBytes(arch, format));
    }

    static long roundUp(long value, long unit) {
        return Math.multiplyExact(Math.addExact(value, unit - 1) / unit, unit);
    }
}
