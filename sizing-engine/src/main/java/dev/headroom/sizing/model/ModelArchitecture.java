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
        ArchitectureFamily family) {

    /** The foundation's 19-field form: no token types, no pooler, no relative bias, Llama family. */
    public ModelArchitecture(int layers, int hiddenSize, int attentionHeads, int kvHeads, int headDim,
                             int intermediateSize, int vocabSize, int maxContext, boolean tiedEmbeddings, MlpKind mlp,
                             NormKind norm, int normsPerLayer, boolean qkvBias, boolean outputBias, int learnedPositions,
                             int experts, int expertsPerToken, int slidingWindow, int slidingWindowLayers) {
        this(layers, hiddenSize, attentionHeads, kvHeads, headDim, intermediateSize, vocabSize, maxContext,
                tiedEmbeddings, mlp, norm, normsPerLayer, qkvBias, outputBias, learnedPositions, experts,
                expertsPerToken, slidingWindow, slidingWindowLayers, 0, false, 0, ArchitectureFamily.LLAMA);
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

    /** Key/value width of one layer: kvHeads x headDim. */
    public long kvWidth() {
        return (long) kvHeads * headDim;
    }

    public Builder toBuilder() {
        return new Builder(layers, hiddenSize, attentionHeads, kvHeads, intermediateSize, vocabSize, maxContext)
                .headDim(headDim).tiedEmbeddings(tiedEmbeddings).mlp(mlp).norm(norm).normsPerLayer(normsPerLayer)
                .qkvBias(qkvBias).outputBias(outputBias).learnedPositions(learnedPositions)
                .experts(experts, expertsPerToken).slidingWindow(slidingWindow, slidingWindowLayers)
                .tokenTypes(tokenTypes).pooler(pooler).relativeAttentionBuckets(relativeAttentionBuckets).family(family);
    }

    /** Query heads sharing one KV head (llama.cpp {@code n_gqa}); 1 without GQA. */
    public int queryGroups() {
        return attentionHeads / kvHeads;
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
        private final int intermediateSize;
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

        public ModelArchitecture build() {
            return new ModelArchitecture(layers, hiddenSize, attentionHeads, kvHeads, headDim, intermediateSize,
                    vocabSize, maxContext, tiedEmbeddings, mlp, norm, normsPerLayer, qkvBias, outputBias,
                    learnedPositions, experts, expertsPerToken, slidingWindow, slidingWindowLayers, tokenTypes, pooler,
                    relativeAttentionBuckets, family);
        }
    }
}
