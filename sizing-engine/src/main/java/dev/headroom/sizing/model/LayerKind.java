package dev.headroom.sizing.model;

/**
 * What mixes tokens in one block of a decoder: attention that caches every token, attention that
 * caches a window, or a recurrent layer whose state does not grow with the context.
 *
 * <p>Each kind has a one-letter code, used by {@link ArchitectureExtensions#layerPattern()} and the
 * catalog's {@code layerPattern} field: a string cycled over the layers ({@code "sssssa"} is Gemma 3's
 * five local layers to one global layer).
 */
public enum LayerKind {
    /** Full (global) attention: K and V of every token are cached. Code {@code a}. */
    FULL_ATTENTION('a'),
    /** Sliding-window (local, or Llama 4 chunked) attention: at most the window is cached. Code {@code s}. */
    SLIDING_ATTENTION('s'),
    /** Mamba-2 selective state space layer (Granite 4.0-H, Nemotron-H, Falcon-H1): a constant state. Code {@code m}. */
    MAMBA2('m'),
    /** Mamba (v1) selective state space layer (Jamba, Falcon-Mamba): a constant state. Code {@code n}. */
    MAMBA('n'),
    /** Gated DeltaNet linear attention (Qwen3-Next): a constant matrix state per value head. Code {@code l}. */
    LINEAR_ATTENTION('l');

    private final char code;

    LayerKind(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** Whether the layer keeps a KV cache that grows with the context (up to the window for sliding layers). */
    public boolean isAttention() {
        return this == FULL_ATTENTION || this == SLIDING_ATTENTION;
    }

    /** The kind with this code. */
    public static LayerKind ofCode(char code) {
        for (LayerKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("layerPattern: '" + code + "' is not a layer kind; valid: a (full attention), "
                + "s (sliding window), m (Mamba-2), n (Mamba), l (linear attention)");
    }
}
