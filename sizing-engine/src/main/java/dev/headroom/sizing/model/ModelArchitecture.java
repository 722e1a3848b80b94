package dev.headroom.sizing.model;

/**
 * The shape of a transformer stack, as a Hugging Face {@code config.json} or GGUF header states it.
 *
 * <p>Counts are plain {@code int}s because every real model's dimensions fit; products are computed
 * in {@code long} with overflow checks ({@link ParameterCounter}).
 *
 * @param layers number of transformer blocks ({@code num_hidden_layers}, GGUF {@code block_count})
 * @param hiddenSize model width ({@code hidden_size}, GGUF {@code embedding_length})
 * @param attentionHeads query heads
 * @param kvHeads key/value heads (equal to {@code attentionHeads} without GQA, 1 for MQA)
 * @param headDim per-head dimension; explicit in some configs (Gemma), else hidden / heads
 * @param intermediateSize feed-forward width (per expert for MoE)
 * @param vocabSize vocabulary rows of the embedding matrix
 * @param maxContext trained context length in tokens
 * @param tiedEmbeddings whether the output head shares the input embedding matrix
 * @param mlp gated (3 matrices) or plain (2 matrices) feed-forward
 * @param norm RMSNorm or LayerNorm
 * @param normsPerLayer norm layers per block (2 for most, 1 for Falcon-7B's parallel block, 4 for Gemma 2)
 * @param qkvBias whether q, k and v projections carry biases (Qwen2, GPT-2, BERT)
 * @param outputBias whether the attention output and MLP projections carry biases (GPT-2, BERT)
 * @param learnedPositions rows of a learned position-embedding table (GPT-2: 1024), 0 for RoPE/ALiBi
 * @param experts routed experts per MoE layer, 0 for a dense model
 * @param expertsPerToken experts active per token, 0 for a dense model
 * @param slidingWindow attention window in tokens for sliding-window layers, 0 for none
 * @param slidingWindowLayers how many of the layers use the window (Mistral v0.1: all; Gemma 2: half)
 * @param tokenTypes rows of a token-type (segment) embedding table (BERT: 2, RoBERTa: 1), 0 for none
 * @param pooler whether an encoder ends in a dense pooler over the first token (BertModel, RobertaModel, MPNetModel)
 * @param relativeAttentionBuckets buckets of a shared relative-position bias table per head (MPNet: 32), 0 for none
 * @param family the llama.cpp architecture family, which some quantizer rules depend on (Falcon)
 * @param extensions per-layer pattern, latent attention, shared/fine-grained experts, state space layers
 *     ({@link ArchitectureExtensions#NONE} for a plain decoder)
 */
public record ModelArchitecture(
        int layers,
        int hiddenSize,
        int attentionHeads,
        int kvHeads,
        int headDim,
        int intermediateSize,
        int vocabSize,
        int maxContext,
        boolean tiedEmbeddings,
        MlpKind mlp,
        NormKind norm,
        int normsPerLayer,
        boolean qkvBias,
        boolean outputBias,
        int learnedPositions,
        int experts,
        int expertsPerToken,
        int slidingWindow,
        int slidingWindowLayers,
        int tokenTypes,
        boolean pooler,
        int relativeAttentionBuckets,
        ArchitectureFamily family,
        ArchitectureExtensions extensions) {

    /** Most layers a model with a per-layer pattern may have (the pattern is expanded once per layer). */
    public static final int MAX_PATTERN_LAYERS = 1 << 16;

    /** The foundation's 19-field form: no token types, no pooler, no relative bias, Llama family. */
    public ModelArchitecture(int layers, int hiddenSize, int attentionHeads, int kvHeads, int headDim,
                             int intermediateSize, int vocabSize, int maxContext, boolean tiedEmbeddings, MlpKind mlp,
                             NormKind norm, int normsPerLayer, boolean qkvBias, boolean outputBias, int learnedPositions,
                             int experts, int expertsPerToken, int slidingWindow, int slidingWindowLayers) {
        this(layers, hiddenSize, attentionHeads, kvHeads, headDim, intermediateSize, vocabSize, maxContext,
                tiedEmbeddings, mlp, norm, normsPerLayer, qkvBias, outputBias, learnedPositions, experts,
                expertsPerToken, slidingWindow, slidingWindowLayers, 0, false, 0, ArchitectureFamily.LLAMA,
                ArchitectureExtensions.NONE);
    }

    /** The 23-field form of the encoder work: no extensions. */
    public ModelArchitecture(int layers, int hiddenSize, int attentionHeads, int kvHeads, int headDim,
                             int intermediateSize, int vocabSize, int maxContext, boolean tiedEmbeddings, MlpKind mlp,
                             NormKind norm, int normsPerLayer, boolean qkvBias, boolean outputBias, int learnedPositions,
                             int experts, int expertsPerToken, int slidingWindow, int slidingWindowLayers, int tokenTypes,
                             boolean pooler, int relativeAttentionBuckets, ArchitectureFamily family) {
        this(layers, hiddenSize, attentionHeads, kvHeads, headDim, intermediateSize, vocabSize, maxContext,
                tiedEmbeddings, mlp, norm, normsPerLayer, qkvBias, outputBias, learnedPositions, experts,
                expertsPerToken, slidingWindow, slidingWindowLayers, tokenTypes, pooler, relativeAttentionBuckets, family,
                ArchitectureExtensions.NONE);
    }

    public ModelArchitecture {
        positive("layers", layers);
        positive("hiddenSize", hiddenSize);
        positive("attentionHeads", attentionHeads);
        positive("kvHeads", kvHeads);
        positive("headDim", headDim);
        positive("intermediateSize", intermediateSize);
        positive("vocabSize", vocabSize);
        positive("maxContext", maxContext);
        if (mlp == null) {
            throw new IllegalArgumentException("mlp: missing");
        }
        if (norm == null) {
            throw new IllegalArgumentException("norm: missing");
        }
        if (attentionHeads % kvHeads != 0) {
            throw new IllegalArgumentException("kvHeads: " + kvHeads + " does not divide attentionHeads " + attentionHeads);
        }
        nonNegative("normsPerLayer", normsPerLayer);
        nonNegative("learnedPositions", learnedPositions);
        nonNegative("experts", experts);
        nonNegative("expertsPerToken", expertsPerToken);
        if (expertsPerToken > experts) {
            throw new IllegalArgumentException("expertsPerToken: " + expertsPerToken + " exceeds experts " + experts);
        }
        nonNegative("slidingWindow", slidingWindow);
        if (slidingWindowLayers < 0 || slidingWindowLayers > layers) {
            throw new IllegalArgumentException("slidingWindowLayers: " + slidingWindowLayers + " is not within 0.." + layers);
        }
        nonNegative("tokenTypes", tokenTypes);
        nonNegative("relativeAttentionBuckets", relativeAttentionBuckets);
        family = family == null ? ArchitectureFamily.LLAMA : family;
        extensions = extensions == null ? ArchitectureExtensions.NONE : extensions;
        if (!extensions.layerPattern().isEmpty()) {
            if (layers > MAX_PATTERN_LAYERS) {
                throw new IllegalArgumentException("layers: " + layers + " exceeds " + MAX_PATTERN_LAYERS + " for a model with a layer pattern");
            }
            String canonical = shortestPeriod(extensions.layerPattern(), layers);
            if (!canonical.equals(extensions.layerPattern())) {
                extensions = extensions.toBuilder().layerPattern(canonical).build();
            }
            int windowed = 0;
            for (int i = 0; i < layers; i++) {
                if (extensions.patternKind(i) == LayerKind.SLIDING_ATTENTION) {
                    windowed++;
                }
            }
            if (windowed > 0 && slidingWindow == 0) {
                throw new IllegalArgumentException("slidingWindow: layerPattern has sliding layers but no window is set");
            }
            slidingWindowLayers = windowed; // derived from the pattern, so older readers see the right count
        }
        if (extensions.firstDenseLayers() > layers) {
            throw new IllegalArgumentException("firstDenseLayers: " + extensions.firstDenseLayers() + " exceeds layers " + layers);
        }
        if (experts > 0 && expertsPerToken == 0) {
            throw new IllegalArgumentException("expertsPerToken: must be positive for a model with " + experts + " experts");
        }
    }

    /** A Llama-style decoder (RMSNorm, gated MLP, RoPE, no biases) with head_dim = hidden / heads. */
    public static Builder llama(int layers, int hiddenSize, int attentionHeads, int kvHeads,
                                int intermediateSize, int vocabSize, int maxContext) {
        return new Builder(layers, hiddenSize, attentionHeads, kvHeads, intermediateSize, vocabSize, maxContext);
    }

    public boolean isMixtureOfExperts() {
        return experts > 0;
    }

    /**
     * What mixes tokens in {@code layer}: the pattern's kind, else (legacy description) sliding attention
     * for {@code slidingWindowLayers} layers spread evenly over the stack, full attention for the rest.
     */
    public LayerKind layerKind(int layer) {
        LayerKind k = extensions.patternKind(layer);
        if (k != null) {
            return k;
        }
        if (slidingWindow > 0 && slidingWindowLayers > 0
                && (long) (layer + 1) * slidingWindowLayers / layers > (long) layer * slidingWindowLayers / layers) {
            return LayerKind.SLIDING_ATTENTION;
        }
        return LayerKind.FULL_ATTENTION;
    }

    /** Whether {@code layer}'s feed-forward is routed experts (MoE models; see {@link ArchitectureExtensions}). */
    public boolean isMoeLayer(int layer) {
        return experts > 0 && layer >= extensions.firstDenseLayers()
                && Math.floorMod(layer - extensions.moeLayerOffset(), extensions.moeLayerPeriod()) == 0;
    }

    /** Width of one routed expert: {@code moeIntermediateSize} where set, else {@code intermediateSize}. */
    public int expertIntermediateSize() {
        return extensions.moeIntermediateSize() > 0 ? extensions.moeIntermediateSize() : intermediateSize;
    }

    /**
     * Feed-forward width one token activates in the widest layer: the dense width, or in an MoE layer
     * {@code expertsPerToken} routed experts plus the shared experts (DeepSeek-V3: 8 x 2048 + 2048 = 18432;
     * Mixtral: 2 x 14336). Activation buffers scale with it.
     */
    public long activeFeedForwardWidth() {
        long moe = experts > 0 ? (long) expertIntermediateSize() * expertsPerToken
                + (extensions.sharedExperts() > 0 ? extensions.sharedExpertIntermediateSize() : 0) : 0;
        boolean anyDense = experts == 0 || extensions.firstDenseLayers() > 0 || extensions.moeLayerPeriod() > 1;
        return Math.max(moe, anyDense ? intermediateSize : 0);
    }

    /** Layers of a kind. */
    public int layersOf(LayerKind kind) {
        int n = 0;
        for (int i = 0; i < layers; i++) {
            if (layerKind(i) == kind) {
                n++;
            }
        }
        return n;
    }

    /**
     * Cached elements per token and attention layer, K and V together: {@code 2 x kvHeads x headDim}, or for
     * multi-head latent attention the latent plus the rotary key ({@code kvLoraRank + qkRopeHeadDim}, one
     * vector shared by all heads: DeepSeek-V3 576 instead of 2 x 128 x 192 = 49,152 decompressed).
     */
    public long kvElementsPerToken() {
        if (extensions.isLatentAttention()) {
            return (long) extensions.kvLoraRank() + extensions.qkRopeHeadDim();
        }
        return 2L * kvWidth();
    }

    /** Key/value width of one layer: kvHeads x headDim. */
    public long kvWidth() {
        return (long) kvHeads * headDim;
    }

    public Builder toBuilder() {
        return new Builder(layers, hiddenSize, attentionHeads, kvHeads, intermediateSize, vocabSize, maxContext)
                .headDim(headDim).tiedEmbeddings(tiedEmbeddings).mlp(mlp).norm(norm).normsPerLayer(normsPerLayer)
                .qkvBias(qkvBias).outputBias(outputBias).learnedPositions(learnedPositions)
                .experts(experts, expertsPerToken).slidingWindow(slidingWindow, slidingWindowLayers)
                .tokenTypes(tokenTypes).pooler(pooler).relativeAttentionBuckets(relativeAttentionBuckets).family(family)
                .extensions(extensions);
    }

    /** Query heads sharing one KV head (llama.cpp {@code n_gqa}); 1 without GQA. */
    public int queryGroups() {
        return attentionHeads / kvHeads;
    }

    /**
     * The shortest pattern that yields the same kind for each of {@code layers} layers when cycled, so an explicit
     * per-layer list (config.json {@code layer_types}, a GGUF per-layer array) and its period compare equal.
     */
    static String shortestPeriod(String pattern, int layers) {
        char[] kinds = new char[layers];
        for (int i = 0; i < layers; i++) {
            kinds[i] = pattern.charAt(i % pattern.length());
        }
        for (int period = 1; period < layers; period++) {
            boolean repeats = true;
            for (int i = period; i < layers && repeats; i++) {
                repeats = kinds[i] == kinds[i - period];
            }
            if (repeats) {
                return new String(kinds, 0, period);
            }
        }
        return new String(kinds);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be positive, was " + value);
        }
    }

    private static void nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must not be negative, was " + value);
        }
    }

    /** Builds an architecture from Llama-style defaults; every setter overrides one field. */
    public static final class Builder {
        private final int layers;
        private final int hiddenSize;
        private final int attentionHeads;
        private final int kvHeads;
        private int intermediateSize;
        private final int vocabSize;
        private final int maxContext;
        private int headDim;
        private boolean tiedEmbeddings;
        private MlpKind mlp = MlpKind.GATED;
        private NormKind norm = NormKind.RMS;
        private int normsPerLayer = 2;
        private boolean qkvBias;
        private boolean outputBias;
        private int learnedPositions;
        private int experts;
        private int expertsPerToken;
        private int slidingWindow;
        private int slidingWindowLayers;
        private int tokenTypes;
        private boolean pooler;
        private int relativeAttentionBuckets;
        private ArchitectureFamily family = ArchitectureFamily.LLAMA;
        private ArchitectureExtensions extensions = ArchitectureExtensions.NONE;

        private Builder(int layers, int hiddenSize, int attentionHeads, int kvHeads,
                        int intermediateSize, int vocabSize, int maxContext) {
            this.layers = layers;
            this.hiddenSize = hiddenSize;
            this.attentionHeads = attentionHeads;
            this.kvHeads = kvHeads;
            this.intermediateSize = intermediateSize;
            this.vocabSize = vocabSize;
            this.maxContext = maxContext;
            this.headDim = attentionHeads > 0 ? hiddenSize / attentionHeads : 0;
        }

        public Builder headDim(int value) { headDim = value; return this; }
        /** The dense feed-forward width (Llama 4's {@code intermediate_size_mlp}; experts use {@code moeIntermediateSize}). */
        public Builder intermediateSize(int value) { intermediateSize = value; return this; }
        public Builder tiedEmbeddings(boolean value) { tiedEmbeddings = value; return this; }
        public Builder mlp(MlpKind value) { mlp = value; return this; }
        public Builder norm(NormKind value) { norm = value; return this; }
        public Builder normsPerLayer(int value) { normsPerLayer = value; return this; }
        public Builder qkvBias(boolean value) { qkvBias = value; return this; }
        public Builder outputBias(boolean value) { outputBias = value; return this; }
        public Builder learnedPositions(int value) { learnedPositions = value; return this; }
        public Builder experts(int total, int perToken) { experts = total; expertsPerToken = perToken; return this; }
        public Builder slidingWindow(int window, int windowLayers) { slidingWindow = window; slidingWindowLayers = windowLayers; return this; }
        public Builder tokenTypes(int value) { tokenTypes = value; return this; }
        public Builder pooler(boolean value) { pooler = value; return this; }
        public Builder relativeAttentionBuckets(int value) { relativeAttentionBuckets = value; return this; }
        public Builder family(ArchitectureFamily value) { family = value; return this; }
        public Builder extensions(ArchitectureExtensions value) { extensions = value; return this; }

        public ModelArchitecture build() {
            return new ModelArchitecture(layers, hiddenSize, attentionHeads, kvHeads, headDim, intermediateSize,
                    vocabSize, maxContext, tiedEmbeddings, mlp, norm, normsPerLayer, qkvBias, outputBias,
                    learnedPositions, experts, expertsPerToken, slidingWindow, slidingWindowLayers, tokenTypes, pooler,
                    relativeAttentionBuckets, family, extensions);
        }
    }
}
