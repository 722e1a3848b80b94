package dev.headroom.sizing.workload;

import dev.headroom.sizing.model.EncoderDecoderArchitecture;
import dev.headroom.sizing.model.ModelArchitecture;

/**
 * Activation memory of one input for transformer encoders at inference, from the architecture. At
 * inference only one block's tensors are alive at a time: the residual stream, the attention output
 * and either the score matrix ({@code heads x tokens^2}, eager attention) or nothing (SDPA / flash), or
 * the MLP intermediate; the peak is the larger of the attention and MLP phases plus the residual.
 */
public final class ActivationEstimates {
    private ActivationEstimates() {
    }

    /**
     * @param tokens sequence length of one input (BERT: up to 512)
     * @param bytesPerValue 2 (FP16) or 4 (FP32)
     * @param flashAttention SDPA / flash attention (no score matrix)
     */
    public static long encoderPerInput(ModelArchitecture a, long tokens, int bytesPerValue, boolean flashAttention) {
        if (tokens <= 0) {
            throw new IllegalArgumentException("tokens: must be positive, was " + tokens);
        }
        long h = a.hiddenSize();
        long residual = 2 * tokens * h;
        long attention = 3 * tokens * h + (flashAttention ? 0 : Math.multiplyExact((long) a.attentionHeads() * tokens, tokens));
        long mlp = tokens * (long) a.intermediateSize();
        return Math.multiplyExact(residual + Math.max(attention, mlp), (long) bytesPerValue);
    }

    /** Whisper/T5: the encoder pass over {@code encoderTokens} plus the decoder's cross-attention K/V of them. */
    public static long encoderDecoderPerInput(EncoderDecoderArchitecture a, long encoderTokens, int bytesPerValue) {
        long h = a.hiddenSize();
        long encoder = encoderTokens * (2 * h + Math.max(3 * h + (long) a.attentionHeads() * encoderTokens, a.ffnSize()));
        long crossKv = Math.multiplyExact(2L * a.decoderLayers() * a.innerWidth(), encoderTokens);
        return Math.multiplyExact(encoder + crossKv, (long) bytesPerValue);
    }
}
