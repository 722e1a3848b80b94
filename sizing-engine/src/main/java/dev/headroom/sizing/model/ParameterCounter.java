package dev.headroom.sizing.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact parameter counts from an architecture.
 *
 * <p>Convention: <em>unique trainable parameters</em>. A tied output head is counted once; stored
 * buffers that are not parameters (e.g. the rotary {@code inv_freq} vectors that some Llama-2-70B
 * checkpoints store) are not counted. This is the number {@code general.parameter_count} in GGUF
 * files and llama.cpp's printed "params" report.
 */
public final class ParameterCounter {
    private ParameterCounter() {
    }

    /** Every weight tensor group of the model, outside-the-blocks groups first. */
    public static List<TensorGroup> tensorGroups(ModelArchitecture a) {
        List<TensorGroup> groups = new ArrayList<>();
        long hidden = a.hiddenSize();
        long qWidth = Math.multiplyExact((long) a.attentionHeads(), a.headDim());
        long kvWidth = a.kvWidth();
        groups.add(new TensorGroup(TensorRole.TOKEN_EMBEDDING, -1, Math.multiplyExact((long) a.vocabSize(), hidden), hidden, false));
        if (a.learnedPositions() > 0) {
            groups.add(new TensorGroup(TensorRole.POSITION_EMBEDDING, -1, Math.multiplyExact((long) a.learnedPositions(), hidden), hidden, false));
        }
        for (int layer = 0; layer < a.layers(); layer++) {
            groups.add(new TensorGroup(TensorRole.ATTENTION_Q, layer, hidden * qWidth, hidden, false));
            groups.add(new TensorGroup(TensorRole.ATTENTION_K, layer, hidden * kvWidth, hidden, false));
            groups.add(new TensorGroup(TensorRole.ATTENTION_V, layer, hidden * kvWidth, hidden, false));
            groups.add(new TensorGroup(TensorRole.ATTENTION_OUTPUT, layer, qWidth * hidden, qWidth, false));
            long inter = a.intermediateSize();
            int expertCopies = a.isMixtureOfExperts() ? a.experts() : 1;
            boolean routed = a.isMixtureOfExperts();
            // All routed experts of a layer form one group; a token reads expertsPerToken / experts of it.
            if (a.mlp() == MlpKind.GATED) {
                groups.add(new TensorGroup(TensorRole.FFN_GATE, layer, expertCopies * hidden * inter, hidden, routed));
            }
            groups.add(new TensorGroup(TensorRole.FFN_UP, layer, expertCopies * hidden * inter, hidden, routed));
            groups.add(new TensorGroup(TensorRole.FFN_DOWN, layer, expertCopies * inter * hidden, inter, routed));
            if (routed) {
                groups.add(new TensorGroup(TensorRole.MOE_ROUTER, layer, hidden * a.experts(), hidden, false));
            }
            long norms = (long) a.normsPerLayer() * a.norm().vectorsPerNorm() * hidden;
            groups.add(new TensorGroup(TensorRole.NORM, layer, norms, hidden, false));
            long biases = 0;
            if (a.qkvBias()) {
                biases += qWidth + 2 * kvWidth;
            }
            if (a.outputBias()) {
                biases += hidden + (long) expertCopies * (hidden + (a.mlp() == MlpKind.GATED ? 2 * inter : inter));
            }
            if (biases > 0) {
                groups.add(new TensorGroup(TensorRole.BIAS, layer, biases, hidden, false));
            }
        }
        groups.add(new TensorGroup(TensorRole.NORM, -1, a.norm().vectorsPerNorm() * hidden, hidden, false));
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
     * Parameters used for one token: all dense parameters plus {@code expertsPerToken} of the routed
     * experts, without the embedding table (one row of it is read).
     */
    public static long activeParametersPerToken(ModelArchitecture a) {
        long active = 0;
        double expertShare = a.isMixtureOfExperts() ? (double) a.expertsPerToken() / a.experts() : 1.0;
        for (TensorGroup g : tensorGroups(a)) {
            if (g.role() == TensorRole.TOKEN_EMBEDDING || g.role() == TensorRole.POSITION_EMBEDDING) {
                continue;
            }
            active += g.perExpert() ? Math.round(g.parameters() * expertShare) : g.parameters();
        }
        if (a.tiedEmbeddings()) {
            active += (long) a.vocabSize() * a.hiddenSize();
        }
        return active;
    }
}
