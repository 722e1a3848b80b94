package dev.headroom.sizing.model;

/**
 * The parts of a current decoder that a plain Llama shape does not have. Every field's zero / false /
 * empty value means "absent", so {@link #NONE} leaves an architecture as it was.
 *
 * <p><b>Per-layer pattern.</b> {@code layerPattern} holds one {@link LayerKind} code per layer, cycled
 * when shorter than the stack: Gemma 3 {@code "sssssa"} (config {@code sliding_window_pattern: 6}),
 * GPT-OSS {@code "sa"} ({@code layer_types} alternating, sliding first), Qwen3-Next {@code "llla"}
 * ({@code full_attention_interval: 4}), Jamba {@code "nnnnannn"} ({@code attn_layer_period: 8},
 * {@code attn_layer_offset: 4}), Granite 4.0-H from its {@code layer_types} list.
 *
 * <p><b>Multi-head latent attention</b> (DeepSeek-V2/V3, Kimi K2; {@code kvLoraRank > 0}): queries go
 * through a rank-{@code qLoraRank} bottleneck (0: a plain {@code q_proj}), keys and values are
 * decompressed from one {@code kvLoraRank} latent per token plus a shared {@code qkRopeHeadDim} rotary
 * key. The cache holds only latent + rotary key (what vLLM's MLA backends and llama.cpp's MLA path keep),
 * not heads x head_dim.
 *
 * <p><b>Mixture of experts.</b> Layers from {@code firstDenseLayers} on with
 * {@code (layer - moeLayerOffset) % moeLayerPeriod == 0} are MoE layers (DeepSeek {@code first_k_dense_replace},
 * Jamba {@code expert_layer_period/offset}, Llama 4 {@code interleave_moe_layer_step}); the others are
 * dense with the architecture's {@code intermediateSize}. Routed experts have width
 * {@code moeIntermediateSize} (0: {@code intermediateSize}); {@code sharedExperts} always-active experts
 * have a combined width {@code sharedExpertIntermediateSize}.
 *
 * <p><b>State space and linear attention layers.</b> Mamba-2: {@code ssmInnerSize} = heads x head dim,
 * {@code ssmHeads}, {@code ssmGroups}, {@code ssmStateSize}, {@code ssmConvKernel}. Mamba: inner size,
 * state size, conv kernel and {@code ssmDtRank}. Gated DeltaNet: {@code linearKeyHeads},
 * {@code linearValueHeads}, {@code linearKeyHeadDim}, {@code linearValueHeadDim} with the same conv kernel.
 *
 * @param layerPattern per-layer kinds as {@link LayerKind} codes, cycled; empty: the legacy
 *     {@code slidingWindow}/{@code slidingWindowLayers} description
 * @param qkNorm per-head RMSNorm of q and k (Qwen3, Gemma 3, OLMo 2 per head): 2 x headDim weights per attention layer
 * @param attentionSinks one learned sink logit per query head and attention layer (GPT-OSS)
 * @param gatedAttention the query projection also emits a sigmoid output gate, doubling its width (Qwen3-Next)
 * @param qLoraRank MLA query bottleneck rank (DeepSeek-V3: 1536), 0 for a plain query projection
 * @param kvLoraRank MLA latent width (DeepSeek-V3: 512), 0 without MLA
 * @param qkRopeHeadDim MLA rotary key width shared by all heads (64)
 * @param qkNopeHeadDim MLA per-head non-rotary query/key width (128)
 * @param vHeadDim MLA per-head value width (128)
 * @param moeIntermediateSize width of one routed expert, 0: {@code intermediateSize}
 * @param sharedExperts always-active experts per MoE layer
 * @param sharedExpertIntermediateSize combined width of the shared experts
 * @param sharedExpertGate a sigmoid gate (hidden x 1) on the shared expert (Qwen2-MoE, Qwen3-Next)
 * @param firstDenseLayers leading dense layers before the MoE layers (DeepSeek-V3: 3)
 * @param moeLayerPeriod every how many layers an MoE layer comes (1: all)
 * @param moeLayerOffset index of the first MoE layer within each period
 * @param routerBias the router carries a bias or correction vector of one value per expert (DeepSeek-V3 e_score_correction_bias)
 * @param ssmInnerSize Mamba inner width (d_inner = expand x hidden = heads x head dim)
 * @param ssmStateSize Mamba d_state
 * @param ssmConvKernel causal convolution width (4)
 * @param ssmGroups Mamba-2 B/C groups
 * @param ssmHeads Mamba-2 heads
 * @param ssmDtRank Mamba (v1) time-step rank
 * @param linearKeyHeads gated DeltaNet key heads
 * @param linearValueHeads gated DeltaNet value heads
 * @param linearKeyHeadDim gated DeltaNet key head width
 * @param linearValueHeadDim gated DeltaNet value head width
 */
public record ArchitectureExtensions(
        String layerPattern,
        boolean qkNorm,
        boolean attentionSinks,
        boolean gatedAttention,
        int qLoraRank,
        int kvLoraRank,
        int qkRopeHeadDim,
        int qkNopeHeadDim,
        int vHeadDim,
        int moeIntermediateSize,
        int sharedExperts,
        int sharedExpertIntermediateSize,
        boolean sharedExpertGate,
        int firstDenseLayers,
        int moeLayerPeriod,
        int moeLayerOffset,
        boolean routerBias,
        int ssmInnerSize,
        int ssmStateSize,
        int ssmConvKernel,
        int ssmGroups,
        int ssmHeads,
        int ssmDtRank,
        int linearKeyHeads,
        int linearValueHeads,
        int linearKeyHeadDim,
        int linearValueHeadDim) {

    /** No extension: a plain (Llama-style, optionally windowed or routed) decoder. */
    public static final ArchitectureExtensions NONE = new ArchitectureExtensions("", false, false, false,
            0, 0, 0, 0, 0, 0, 0, 0, false, 0, 1, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public ArchitectureExtensions {
        layerPattern = layerPattern == null ? "" : layerPattern;
        for (int i = 0; i < layerPattern.length(); i++) {
            LayerKind.ofCode(layerPattern.charAt(i));
        }
        int[] counts = {qLoraRank, kvLoraRank, qkRopeHeadDim, qkNopeHeadDim, vHeadDim, moeIntermediateSize, sharedExperts,
                sharedExpertIntermediateSize, firstDenseLayers, moeLayerOffset, ssmInnerSize, ssmStateSize, ssmConvKernel,
                ssmGroups, ssmHeads, ssmDtRank, linearKeyHeads, linearValueHeads, linearKeyHeadDim, linearValueHeadDim};
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("architecture extensions: widths and counts must not be negative, found " + c);
            }
        }
        if (moeLayerPeriod <= 0) {
            throw new IllegalArgumentException("moeLayerPeriod: must be positive, was " + moeLayerPeriod);
        }
        if (moeLayerOffset >= moeLayerPeriod) {
            throw new IllegalArgumentException("moeLayerOffset: " + moeLayerOffset + " is not below moeLayerPeriod " + moeLayerPeriod);
        }
        if (kvLoraRank > 0 && (qkRopeHeadDim == 0 || qkNopeHeadDim == 0 || vHeadDim == 0)) {
            throw new IllegalArgumentException("kvLoraRank: multi-head latent attention needs qkRopeHeadDim, qkNopeHeadDim and vHeadDim");
        }
        if (sharedExperts > 0 && sharedExpertIntermediateSize == 0) {
            throw new IllegalArgumentException("sharedExpertIntermediateSize: must be positive with " + sharedExperts + " shared experts");
        }
        if (layerPattern.indexOf('m') >= 0 && (ssmInnerSize == 0 || ssmStateSize == 0 || ssmConvKernel == 0 || ssmHeads == 0 || ssmGroups == 0)) {
            throw new IllegalArgumentException("layerPattern: Mamba-2 layers need ssmInnerSize, ssmStateSize, ssmConvKernel, ssmHeads and ssmGroups");
        }
        if (layerPattern.indexOf('m') >= 0 && ssmInnerSize % ssmHeads != 0) {
            throw new IllegalArgumentException("ssmHeads: " + ssmHeads + " does not divide ssmInnerSize " + ssmInnerSize);
        }
        if (layerPattern.indexOf('n') >= 0 && (ssmInnerSize == 0 || ssmStateSize == 0 || ssmConvKernel == 0 || ssmDtRank == 0)) {
            throw new IllegalArgumentException("layerPattern: Mamba layers need ssmInnerSize, ssmStateSize, ssmConvKernel and ssmDtRank");
        }
        if (layerPattern.indexOf('l') >= 0 && (linearKeyHeads == 0 || linearValueHeads == 0 || linearKeyHeadDim == 0
                || linearValueHeadDim == 0 || ssmConvKernel == 0)) {
            throw new IllegalArgumentException("layerPattern: linear attention layers need linearKeyHeads, linearValueHeads, "
                    + "linearKeyHeadDim, linearValueHeadDim and ssmConvKernel");
        }
    }

    /** Whether the attention is multi-head latent attention. */
    public boolean isLatentAttention() {
        return kvLoraRank > 0;
    }

    /** The kind of layer {@code layer} by the pattern; {@code null} when no pattern is set. */
    public LayerKind patternKind(int layer) {
        if (layerPattern.isEmpty()) {
            return null;
        }
        return LayerKind.ofCode(layerPattern.charAt(layer % layerPattern.length()));
    }

    /** A copy with changed fields; start from {@link #NONE} or an architecture's extensions. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(NONE);
    }

    /** Sets fields one by one (every setter replaces one group of fields). */
    public static final class Builder {
        private String layerPattern;
        private boolean qkNorm;
        private boolean attentionSinks;
        private boolean gatedAttention;
        private int qLoraRank;
        private int kvLoraRank;
        private int qkRopeHeadDim;
        private int qkNopeHeadDim;
        private int vHeadDim;
        private int moeIntermediateSize;
        private int sharedExperts;
        private int sharedExpertIntermediateSize;
        private boolean sharedExpertGate;
        private int firstDenseLayers;
        private int moeLayerPeriod;
        private int moeLayerOffset;
        private boolean routerBias;
        private int ssmInnerSize;
        private int ssmStateSize;
        private int ssmConvKernel;
        private int ssmGroups;
        private int ssmHeads;
        private int ssmDtRank;
        private int linearKeyHeads;
        private int linearValueHeads;
        private int linearKeyHeadDim;
        private int linearValueHeadDim;

        private Builder(ArchitectureExtensions e) {
            layerPattern = e.layerPattern;
            qkNorm = e.qkNorm;
            attentionSinks = e.attentionSinks;
            gatedAttention = e.gatedAttention;
            qLoraRank = e.qLoraRank;
            kvLoraRank = e.kvLoraRank;
            qkRopeHeadDim = e.qkRopeHeadDim;
            qkNopeHeadDim = e.qkNopeHeadDim;
            vHeadDim = e.vHeadDim;
            moeIntermediateSize = e.moeIntermediateSize;
            sharedExperts = e.sharedExperts;
            sharedExpertIntermediateSize = e.sharedExpertIntermediateSize;
            sharedExpertGate = e.sharedExpertGate;
            firstDenseLayers = e.firstDenseLayers;
            moeLayerPeriod = e.moeLayerPeriod;
            moeLayerOffset = e.moeLayerOffset;
            routerBias = e.routerBias;
            ssmInnerSize = e.ssmInnerSize;
            ssmStateSize = e.ssmStateSize;
            ssmConvKernel = e.ssmConvKernel;
            ssmGroups = e.ssmGroups;
            ssmHeads = e.ssmHeads;
            ssmDtRank = e.ssmDtRank;
            linearKeyHeads = e.linearKeyHeads;
            linearValueHeads = e.linearValueHeads;
            linearKeyHeadDim = e.linearKeyHeadDim;
            linearValueHeadDim = e.linearValueHeadDim;
        }

        public Builder layerPattern(String value) { layerPattern = value; return this; }
        public Builder qkNorm(boolean value) { qkNorm = value; return this; }
        public Builder attentionSinks(boolean value) { attentionSinks = value; return this; }
        public Builder gatedAttention(boolean value) { gatedAttention = value; return this; }

        /** Multi-head latent attention: query rank (0: plain q_proj), latent rank, rotary, non-rotary and value head widths. */
        public Builder latentAttention(int qRank, int kvRank, int ropeDim, int nopeDim, int valueDim) {
            qLoraRank = qRank;
            kvLoraRank = kvRank;
            qkRopeHeadDim = ropeDim;
            qkNopeHeadDim = nopeDim;
            vHeadDim = valueDim;
            return this;
        }

        public Builder moeIntermediateSize(int value) { moeIntermediateSize = value; return this; }

        /** Always-active experts and their combined width; {@code gate}: a sigmoid gate on their output. */
        public Builder sharedExperts(int count, int combinedWidth, boolean gate) {
            sharedExperts = count;
            sharedExpertIntermediateSize = combinedWidth;
            sharedExpertGate = gate;
            return this;
        }

        /** Which layers are MoE layers: from {@code firstDense} on, every {@code period}-th starting at {@code offset}. */
        public Builder moeLayers(int firstDense, int period, int offset) {
            firstDenseLayers = firstDense;
            moeLayerPeriod = period;
            moeLayerOffset = offset;
            return this;
        }

        public Builder routerBias(boolean value) { routerBias = value; return this; }

        /** Mamba-2 layers: inner width, heads, groups, state size, conv kernel. */
        public Builder mamba2(int innerSize, int heads, int groups, int stateSize, int convKernel) {
            ssmInnerSize = innerSize;
            ssmHeads = heads;
            ssmGroups = groups;
            ssmStateSize = stateSize;
            ssmConvKernel = convKernel;
            return this;
        }

        /** Mamba (v1) layers: inner width, state size, conv kernel, time-step rank. */
        public Builder mamba(int innerSize, int stateSize, int convKernel, int dtRank) {
            ssmInnerSize = innerSize;
            ssmStateSize = stateSize;
            ssmConvKernel = convKernel;
            ssmDtRank = dtRank;
            return this;
        }

        /** Gated DeltaNet layers: key heads, value heads, key and value head widths, conv kernel. */
        public Builder linearAttention(int keyHeads, int valueHeads, int keyHeadDim, int valueHeadDim, int convKernel) {
            linearKeyHeads = keyHeads;
            linearValueHeads = valueHeads;
            linearKeyHeadDim = keyHeadDim;
            linearValueHeadDim = valueHeadDim;
            ssmConvKernel = convKernel;
            return this;
        }

        public ArchitectureExtensions build() {
            return new ArchitectureExtensions(layerPattern, qkNorm, attentionSinks, gatedAttention, qLoraRank, kvLoraRank,
                    qkRopeHeadDim, qkNopeHeadDim, vHeadDim, moeIntermediateSize, sharedExperts, sharedExpertIntermediateSize,
                    sharedExpertGate, firstDenseLayers, moeLayerPeriod, moeLayerOffset, routerBias, ssmInnerSize,
                    ssmStateSize, ssmConvKernel, ssmGroups, ssmHeads, ssmDtRank, linearKeyHeads, linearValueHeads,
                    linearKeyHeadDim, linearValueHeadDim);
        }
    }
}
