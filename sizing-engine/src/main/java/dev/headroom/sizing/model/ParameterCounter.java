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
        List<TensorGroup> template = blockTemplate(a);
        for (int layer = 0; layer < a.layers(); layer++) {
            for (TensorGroup g : template) {
                groups.add(new TensorGroup(g.role(), layer, g.parameters(), g.rowLength(), g.perExpert()));
            }
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

    /** The tensors of one block (every block has the same shapes), with layer index 0. */
    public static List<TensorGroup> blockTemplate(ModelArchitecture a) {
        long hidden = a.hiddenSize();
        long qWidth = Math.multiplyExact((long) a.attentionHeads(), a.headDim());
        long kvWidth = a.kvWidth();
        long inter = a.intermediateSize();
        boolean routed = a.isMixtureOfExperts();
        long expertCopies = routed ? a.experts() : 1;
        List<TensorGroup> groups = new ArrayList<>(10);
        groups.add(new TensorGroup(TensorRole.ATTENTION_Q, 0, Math.multiplyExact(hidden, qWidth), hidden, false));
        groups.add(new TensorGroup(TensorRole.ATTENTION_K, 0, Math.multiplyExact(hidden, kvWidth), hidden, false));
        groups.add(new TensorGroup(TensorRole.ATTENTION_V, 0, Math.multiplyExact(hidden, kvWidth), hidden, false));
        groups.add(new TensorGroup(TensorRole.ATTENTION_OUTPUT, 0, Math.multiplyExact(qWidth, hidden), qWidth, false));
        // All routed experts of a layer form one group (one 3-D tensor in GGUF); a token reads expertsPerToken of them.
        long ffn = Math.multiplyExact(Math.multiplyExact(expertCopies, hidden), inter);
        if (a.mlp() == MlpKind.GATED) {
            groups.add(new TensorGroup(TensorRole.FFN_GATE, 0, ffn, hidden, routed));
        }
        groups.add(new TensorGroup(TensorRole.FFN_UP, 0, ffn, hidden, routed));
        groups.add(new TensorGroup(TensorRole.FFN_DOWN, 0, ffn, inter, routed));
        if (routed) {
            groups.add(new TensorGroup(TensorRole.MOE_ROUTER, 0, hidden * a.experts(), hidden, false));
        }
        long norms = (long) a.normsPerLayer() * a.norm().vectorsPerNorm() * hidden;
        if (norms > 0) {
            groups.add(new TensorGroup(TensorRole.NORM, 0, norms, hidden, false));
        }
        long biases = 0;
        if (a.qkvBias()) {
            biases += qWidth + 2 * kvWidth;
        }
        if (a.outputBias()) {
            biases += hidden + expertCopies * (hidden + (a.mlp() == MlpKind.GATED ? 2 * inter : inter));
        }
        if (biases > 0) {
            groups.add(new TensorGroup(TensorRole.BIAS, 0, biases, hidden, false));
        }
        return groups;
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
        for (TensorGroup g : leadingGroups(a)) {
            total = Math.addExact(total, g.parameters());
        }
        long block = 0;
        for (TensorGroup g : blockTemplate(a)) {
            block = Math.addExact(block, g.parameters());
        }
        total = Math.addExact(total, Math.multiplyExact(block, (long) a.layers()));
        for (TensorGroup g : trailingGroups(a)) {
            total = Math.addExact(total, g.parameters());
        }
        return total;
    }

    /**
     * Parameters used for one token: all dense parameters plus {@code expertsPerToken} of the routed
     * experts, without the embedding tables (one row of each is read); a tied matrix counts as the head.
     */
    public static long activeParametersPerToken(ModelArchitecture a) {
        long block = 0;
        for (TensorGroup g : blockTemplate(a)) {
            block = Math.addExact(block, g.perExpert()
                    ? Math.multiplyExact(g.parameters() / a.experts(), (long) a.expertsPerToken()) : g.parameters());
        }
        long active = Math.multiplyExact(block, (long) a.layers());
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
