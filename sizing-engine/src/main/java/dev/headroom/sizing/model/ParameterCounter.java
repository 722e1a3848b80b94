package dev.headroom.sizing.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact parameter counts from an architecture.
 *
 * <p>Convention: <em>unique trainable parameters</em>, which is what PyTorch's
 * {@code sum(p.numel() for p in model.parameters())} reports, what GGUF's {@code general.parameter_count}
 * and llama.cpp's printed "params" say, and what the Hugging Face safetensors total says when the
 * checkpoint stores nothing else. A tied output head is counted once. Stored buffers that are not
 * parameters (rotary {@code inv_freq} vectors in some Llama-2-70B checkpoints: 80 x 64 = 5,120 values;
 * GPT-2's causal-mask {@code attn.bias}) are not counted, and neither is a second stored copy of a tied
 * matrix (Falcon-7B's checkpoint stores {@code lm_head} separately: +295,469,056).
 */
public final class ParameterCounter {
    private ParameterCounter() {
    }

    /** Every weight tensor group of the model, in file order: embeddings, blocks, final norm, pooler, head. */
    public static List<TensorGroup> tensorGroups(ModelArchitecture a) {
        List<TensorGroup> groups = new ArrayList<>(leadingGroups(a));
        for (int layer = 0; layer < a.layers(); layer++) {
            groups.addAll(blockTemplate(a, layer));
        }
        groups.addAll(trailingGroups(a));
        return groups;
    }

    /** Groups before the blocks: token, position and token-type embeddings, relative-position bias. */
    public static List<TensorGroup> leadingGroups(ModelArchitecture a) {
        long hidden = a.hiddenSize();
        List<TensorGroup> groups = new ArrayList<>(4);
        groups.add(new TensorGroup(TensorRole.TOKEN_EMBEDDING, -1, Math.multiplyExact((long) a.vocabSize(), hidden), hidden, false));
        if (a.learnedPositions() > 0) {
            groups.add(new TensorGroup(TensorRole.POSITION_EMBEDDING, -1, Math.multiplyExact((long) a.learnedPositions(), hidden), hidden, false));
        }
        if (a.tokenTypes() > 0) {
            groups.add(new TensorGroup(TensorRole.TOKEN_TYPE_EMBEDDING, -1, (long) a.tokenTypes() * hidden, hidden, false));
        }
        if (a.relativeAttentionBuckets() > 0) {
            groups.add(new TensorGroup(TensorRole.RELATIVE_POSITION_BIAS, -1,
                    (long) a.relativeAttentionBuckets() * a.attentionHeads(), a.attentionHeads(), false));
        }
        return groups;
    }

    /**
     * The tensors of block 0, with layer index 0. Blocks of a plain decoder all have these shapes; for a
     * model with a layer pattern or dense leading layers use {@link #blockTemplate(ModelArchitecture, int)}.
     */
    public static List<TensorGroup> blockTemplate(ModelArchitecture a) {
        return blockTemplate(a, 0);
    }

    /**
     * The tensors of block {@code layer}: its token mixer (attention, latent attention, Mamba, Mamba-2 or
     * gated DeltaNet, by {@link ModelArchitecture#layerKind}), its feed-forward (dense, or routed experts plus
     * shared experts, by {@link ModelArchitecture#isMoeLayer}), norms and biases.
     */
    public static List<TensorGroup> blockTemplate(ModelArchitecture a, int layer) {
        if (layer < 0 || layer >= a.layers()) {
            throw new IllegalArgumentException("layer: " + layer + " is not within 0.." + (a.layers() - 1));
        }
        ArchitectureExtensions x = a.extensions();
        long hidden = a.hiddenSize();
        List<TensorGroup> groups = new ArrayList<>(16);
        long norms = (long) a.normsPerLayer() * a.norm().vectorsPerNorm() * hidden;
        long biases = 0;
        LayerKind kind = a.layerKind(layer);
        switch (kind) {
            case FULL_ATTENTION, SLIDING_ATTENTION -> {
                if (x.isLatentAttention()) {
                    norms += latentAttention(a, layer, groups);
                } else {
                    biases += attention(a, layer, groups);
                }
                if (x.qkNorm()) {
                    norms += 2L * a.headDim();
                }
                if (x.attentionSinks()) {
                    groups.add(new TensorGroup(TensorRole.ATTENTION_SINKS, layer, a.attentionHeads(), a.attentionHeads(), false));
                }
            }
            case MAMBA2 -> {
                long inner = x.ssmInnerSize();
                long convDim = inner + 2L * x.ssmGroups() * x.ssmStateSize();
                groups.add(new TensorGroup(TensorRole.SSM_IN, layer, Math.multiplyExact(hidden, inner + convDim + x.ssmHeads()), hidden, false));
                groups.add(new TensorGroup(TensorRole.SSM_CONV, layer, convDim * x.ssmConvKernel(), x.ssmConvKernel(), false));
                biases += convDim;
                groups.add(new TensorGroup(TensorRole.SSM_A, layer, 3L * x.ssmHeads(), x.ssmHeads(), false)); // A_log, D, dt_bias
                norms += inner; // gated RMSNorm before out_proj
                groups.add(new TensorGroup(TensorRole.SSM_OUT, layer, Math.multiplyExact(inner, hidden), inner, false));
            }
            case MAMBA -> {
                long inner = x.ssmInnerSize();
                long state = x.ssmStateSize();
                long dtRank = x.ssmDtRank();
                groups.add(new TensorGroup(TensorRole.SSM_IN, layer, Math.multiplyExact(hidden, 2 * inner), hidden, false));
                groups.add(new TensorGroup(TensorRole.SSM_CONV, layer, inner * x.ssmConvKernel(), x.ssmConvKernel(), false));
                groups.add(new TensorGroup(TensorRole.SSM_X, layer, inner * (dtRank + 2 * state), inner, false));
                groups.add(new TensorGroup(TensorRole.SSM_DT, layer, dtRank * inner, dtRank, false));
                biases += 2 * inner; // conv1d and dt_proj biases
                groups.add(new TensorGroup(TensorRole.SSM_A, layer, inner * state + inner, state, false)); // A_log, D
                norms += dtRank + 2 * state; // Jamba's dt, B and C layernorms
                groups.add(new TensorGroup(TensorRole.SSM_OUT, layer, Math.multiplyExact(inner, hidden), inner, false));
            }
            case LINEAR_ATTENTION -> {
                long keyDim = (long) x.linearKeyHeads() * x.linearKeyHeadDim();
                long valueDim = (long) x.linearValueHeads() * x.linearValueHeadDim();
                long convDim = 2 * keyDim + valueDim;
                // in_proj_qkvz (q, k, v and the output gate z) and in_proj_ba (beta, alpha per value head)
                groups.add(new TensorGroup(TensorRole.SSM_IN, layer,
                        Math.multiplyExact(hidden, 2 * keyDim + 2 * valueDim + 2L * x.linearValueHeads()), hidden, false));
                groups.add(new TensorGroup(TensorRole.SSM_CONV, layer, convDim * x.ssmConvKernel(), x.ssmConvKernel(), false));
                groups.add(new TensorGroup(TensorRole.SSM_A, layer, 2L * x.linearValueHeads(), x.linearValueHeads(), false)); // A_log, dt_bias
                norms += x.linearValueHeadDim(); // gated RMSNorm over one value head
                groups.add(new TensorGroup(TensorRole.SSM_OUT, layer, Math.multiplyExact(valueDim, hidden), valueDim, false));
            }
            default -> throw new IllegalStateException("layer kind " + kind);
        }
        boolean routed = a.isMoeLayer(layer);
        long inter = routed ? a.expertIntermediateSize() : a.intermediateSize();
        long copies = routed ? a.experts() : 1;
        // All routed experts of a layer form one group (one 3-D tensor in GGUF); a token reads expertsPerToken of them.
        long ffn = Math.multiplyExact(Math.multiplyExact(copies, hidden), inter);
        if (a.mlp() == MlpKind.GATED) {
            groups.add(new TensorGroup(TensorRole.FFN_GATE, layer, ffn, hidden, routed));
        }
        groups.add(new TensorGroup(TensorRole.FFN_UP, layer, ffn, hidden, routed));
        groups.add(new TensorGroup(TensorRole.FFN_DOWN, layer, ffn, inter, routed));
        if (routed) {
            groups.add(new TensorGroup(TensorRole.MOE_ROUTER, layer, hidden * a.experts() + (x.routerBias() ? a.experts() : 0), hidden, false));
            if (x.sharedExperts() > 0) {
                long shared = Math.multiplyExact(hidden, (long) x.sharedExpertIntermediateSize());
                if (a.mlp() == MlpKind.GATED) {
                    groups.add(new TensorGroup(TensorRole.FFN_GATE_SHARED, layer, shared, hidden, false));
                }
                groups.add(new TensorGroup(TensorRole.FFN_UP_SHARED, layer, shared, hidden, false));
                groups.add(new TensorGroup(TensorRole.FFN_DOWN_SHARED, layer, shared, x.sharedExpertIntermediateSize(), false));
                if (x.sharedExpertGate()) {
                    groups.add(new TensorGroup(TensorRole.SHARED_EXPERT_GATE, layer, hidden, hidden, false));
                }
            }
        }
        if (norms > 0) {
            groups.add(new TensorGroup(TensorRole.NORM, layer, norms, hidden, false));
        }
        if (a.outputBias()) {
            biases += copies * (hidden + (a.mlp() == MlpKind.GATED ? 2 * inter : inter));
        }
        if (biases > 0) {
            groups.add(new TensorGroup(TensorRole.BIAS, layer, biases, hidden, false));
        }
        return groups;
    }

    /** q, k, v, o (the query doubled for a gated output); returns the attention biases. */
    private static long attention(ModelArchitecture a, int layer, List<TensorGroup> groups) {
        long hidden = a.hiddenSize();
        long qWidth = Math.multiplyExact((long) a.attentionHeads(), a.headDim());
        long kvWidth = a.kvWidth();
        long qOut = a.extensions().gatedAttention() ? 2 * qWidth : qWidth;
        groups.add(new TensorGroup(TensorRole.ATTENTION_Q, layer, Math.multiplyExact(hidden, qOut), hidden, false));
        groups.add(new TensorGroup(TensorRole.ATTENTION_K, layer, Math.multiplyExact(hidden, kvWidth), hidden, false));
        groups.add(new TensorGroup(TensorRole.ATTENTION_V, layer, Math.multiplyExact(hidden, kvWidth), hidden, false));
        groups.add(new TensorGroup(TensorRole.ATTENTION_OUTPUT, layer, Math.multiplyExact(qWidth, hidden), qWidth, false));
        long biases = a.qkvBias() ? qWidth + 2 * kvWidth : 0;
        return a.outputBias() ? biases + hidden : biases;
    }

    /**
     * Multi-head latent attention (DeepSeek-V2/V3 {@code DeepseekV3Attention}): q_a (hidden x q_lora_rank),
     * q_a_layernorm, q_b (rank x heads x (nope + rope)), or a plain q_proj without a query rank; kv_a_proj_with_mqa
     * (hidden x (kv_lora_rank + rope)), kv_a_layernorm, kv_b (kv_lora_rank x heads x (nope + v)), o_proj
     * (heads x v x hidden). Returns the norm weights it adds.
     */
    private static long latentAttention(ModelArchitecture a, int layer, List<TensorGroup> groups) {
        ArchitectureExtensions x = a.extensions();
        long hidden = a.hiddenSize();
        long heads = a.attentionHeads();
        long qHead = (long) x.qkNopeHeadDim() + x.qkRopeHeadDim();
        long norms = x.kvLoraRank();
        if (x.qLoraRank() > 0) {
            groups.add(new TensorGroup(TensorRole.ATTENTION_Q_A, layer, hidden * x.qLoraRank(), hidden, false));
            groups.add(new TensorGroup(TensorRole.ATTENTION_Q_B, layer, Math.multiplyExact(x.qLoraRank(), heads * qHead), x.qLoraRank(), false));
            norms += x.qLoraRank();
        } else {
            groups.add(new TensorGroup(TensorRole.ATTENTION_Q, layer, Math.multiplyExact(hidden, heads * qHead), hidden, false));
        }
        groups.add(new TensorGroup(TensorRole.ATTENTION_KV_A, layer, hidden * ((long) x.kvLoraRank() + x.qkRopeHeadDim()), hidden, false));
        groups.add(new TensorGroup(TensorRole.ATTENTION_KV_B, layer,
                Math.multiplyExact(x.kvLoraRank(), heads * ((long) x.qkNopeHeadDim() + x.vHeadDim())), x.kvLoraRank(), false));
        long vWidth = heads * x.vHeadDim();
        groups.add(new TensorGroup(TensorRole.ATTENTION_OUTPUT, layer, Math.multiplyExact(vWidth, hidden), vWidth, false));
        return norms;
    }

    /** Groups after the blocks: the final norm (the embedding norm of BERT-style encoders), pooler, output head. */
    public static List<TensorGroup> trailingGroups(ModelArchitecture a) {
        long hidden = a.hiddenSize();
        List<TensorGroup> groups = new ArrayList<>(3);
        groups.add(new TensorGroup(TensorRole.NORM, -1, a.norm().vectorsPerNorm() * hidden, hidden, false));
        if (a.pooler()) {
            groups.add(new TensorGroup(TensorRole.POOLER, -1, hidden * hidden + hidden, hidden, false));
        }
        if (!a.tiedEmbeddings()) {
            groups.add(new TensorGroup(TensorRole.OUTPUT_HEAD, -1, Math.multiplyExact((long) a.vocabSize(), hidden), hidden, false));
        }
        return groups;
    }

    /** Unique parameters (the tied head counted once). */
    public static long totalParameters(ModelArchitecture a) {
        long total = 0;
        for (TensorGroup g : tensorGroups(a)) {
            total = Math.addExact(total, g.parameters());
        }
        return total;
    }

    /**
     * Parameters used for one token: all dense parameters (shared experts included) plus
     * {@code expertsPerToken} of the routed experts of each MoE layer, without the embedding tables (one row of
     * each is read); a tied matrix counts as the head.
     */
    public static long activeParametersPerToken(ModelArchitecture a) {
        long active = 0;
        for (int layer = 0; layer < a.layers(); layer++) {
            for (TensorGroup g : blockTemplate(a, layer)) {
                active = Math.addExact(active, g.perExpert()
                        ? Math.multiplyExact(g.parameters() / a.experts(), (long) a.expertsPerToken()) : g.parameters());
            }
        }
        for (TensorGroup g : trailingGroups(a)) {
            active = Math.addExact(active, g.parameters());
        }
        for (TensorGroup g : leadingGroups(a)) {
            if (g.role() == TensorRole.RELATIVE_POSITION_BIAS) {
                active = Math.addExact(active, g.parameters());
            }
        }
        if (a.tiedEmbeddings() && a.family() != ArchitectureFamily.BERT) {
            active = Math.addExact(active, (long) a.vocabSize() * a.hiddenSize()); // the tied matrix is the head
        }
        return active;
    }
}
