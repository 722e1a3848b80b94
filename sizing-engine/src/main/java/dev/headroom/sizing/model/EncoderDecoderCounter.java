package dev.headroom.sizing.model;

/**
 * Exact parameter counts of encoder-decoder stacks, in the same convention as {@link ParameterCounter}
 * (unique parameters, a tied head once).
 *
 * <p>T5 (modeling_t5.py): shared embedding; per encoder block q,k,v,o without biases, two weight-only
 * layer norms, wi/wo (wi_0/wi_1/wo when gated); per decoder block self- and cross-attention and three
 * norms; one relative-bias table (buckets x heads) in the first block of each stack; a final norm per
 * stack. Whisper (modeling_whisper.py): conv1 (mel x d x 3 + d), conv2 (d x d x 3 + d), learned
 * positions, attention with biases on q, v and out but not k, LayerNorms with bias, fc1/fc2 with biases,
 * a final LayerNorm per stack.
 */
public final class EncoderDecoderCounter {
    private EncoderDecoderCounter() {
    }

    public static long encoderParameters(EncoderDecoderArchitecture a) {
        long d = a.hiddenSize();
        long blocks = Math.multiplyExact(encoderBlock(a), (long) a.encoderLayers());
        if (a.kind() == EncoderDecoderArchitecture.Kind.T5) {
            return blocks + (long) a.relativeBuckets() * a.attentionHeads() + d;
        }
        long conv = (long) a.melBins() * d * 3 + d + d * d * 3 + d;
        return blocks + conv + (long) a.encoderPositions() * d + 2 * d;
    }

    public static long decoderParameters(EncoderDecoderArchitecture a) {
        long d = a.hiddenSize();
        long blocks = Math.multiplyExact(decoderBlock(a), (long) a.decoderLayers());
        if (a.kind() == EncoderDecoderArchitecture.Kind.T5) {
            return blocks + (long) a.relativeBuckets() * a.attentionHeads() + d;
        }
        return blocks + (long) a.decoderPositions() * d + 2 * d;
    }

    /** Token embedding plus a separate head when untied. */
    public static long embeddingParameters(EncoderDecoderArchitecture a) {
        long table = Math.multiplyExact((long) a.vocabSize(), a.hiddenSize());
        return a.tiedHead() ? table : Math.multiplyExact(table, 2L);
    }

    public static long totalParameters(EncoderDecoderArchitecture a) {
        return Math.addExact(Math.addExact(encoderParameters(a), decoderParameters(a)), embeddingParameters(a));
    }

    private static long encoderBlock(EncoderDecoderArchitecture a) {
        return attention(a) + ffn(a) + 2 * norm(a);
    }

    private static long decoderBlock(EncoderDecoderArchitecture a) {
        return 2 * attention(a) + ffn(a) + 3 * norm(a);
    }

    private static long attention(EncoderDecoderArchitecture a) {
        long d = a.hiddenSize();
        long inner = a.innerWidth();
        long weights = 4 * d * inner;
        return a.kind() == EncoderDecoderArchitecture.Kind.WHISPER ? weights + 2 * inner + d : weights;
    }

    private static long ffn(EncoderDecoderArchitecture a) {
        long d = a.hiddenSize();
        long ff = a.ffnSize();
        long weights = (a.gatedFfn() ? 3 : 2) * d * ff;
        return a.kind() == EncoderDecoderArchitecture.Kind.WHISPER ? weights + ff + d : weights;
    }

    private static long norm(EncoderDecoderArchitecture a) {
        return a.kind() == EncoderDecoderArchitecture.Kind.WHISPER ? 2L * a.hiddenSize() : a.hiddenSize();
    }
}
