package dev.headroom.sizing.model;

/**
 * An encoder-decoder transformer (T5, Whisper) as its {@code config.json} states it.
 *
 * @param kind which stack layout: T5 (RMS-style norms without biases, relative position bias) or Whisper
 *     (LayerNorm, biases, a two-layer convolutional audio stem, learned positions)
 * @param encoderLayers encoder blocks ({@code num_layers} / {@code encoder_layers})
 * @param decoderLayers decoder blocks ({@code num_decoder_layers} / {@code decoder_layers})
 * @param hiddenSize model width ({@code d_model})
 * @param attentionHeads heads per attention
 * @param headDim per-head dimension ({@code d_kv} for T5; d_model / heads for Whisper)
 * @param ffnSize feed-forward width ({@code d_ff} / {@code encoder_ffn_dim})
 * @param vocabSize vocabulary
 * @param tiedHead whether the LM head shares the embedding matrix (T5 v1.0, Whisper {@code proj_out})
 * @param gatedFfn gated-GELU feed-forward (T5 v1.1, Flan-T5) instead of a plain ReLU/GELU one
 * @param relativeBuckets relative-attention buckets (T5: 32), 0 for none
 * @param melBins mel channels of the audio stem (Whisper: 80, large-v3: 128), 0 for text models
 * @param encoderPositions learned encoder positions (Whisper: 1500 audio frames), 0 for none
 * @param decoderPositions learned decoder positions (Whisper: 448), 0 for none
 */
public record EncoderDecoderArchitecture(Kind kind, int encoderLayers, int decoderLayers, int hiddenSize,
                                         int attentionHeads, int headDim, int ffnSize, int vocabSize,
                                         boolean tiedHead, boolean gatedFfn, int relativeBuckets, int melBins,
                                         int encoderPositions, int decoderPositions) {
    /** The two stack layouts the engine counts. */
    public enum Kind { T5, WHISPER }

    public EncoderDecoderArchitecture {
        if (kind == null) {
            throw new IllegalArgumentException("kind: missing");
        }
        for (int v : new int[] {encoderLayers, decoderLayers, hiddenSize, attentionHeads, headDim, ffnSize, vocabSize}) {
            if (v <= 0) {
                throw new IllegalArgumentException(kind + ": layers, widths, heads and vocab must be positive, found " + v);
            }
        }
        if (relativeBuckets < 0 || melBins < 0 || encoderPositions < 0 || decoderPositions < 0) {
            throw new IllegalArgumentException(kind + ": buckets, mel bins and positions must not be negative");
        }
    }

    /** T5 v1.0 (t5-small/base/large): ReLU feed-forward, tied head, 32 relative buckets. */
    public static EncoderDecoderArchitecture t5(int layers, int hidden, int heads, int headDim, int ffn, int vocab) {
        return new EncoderDecoderArchitecture(Kind.T5, layers, layers, hidden, heads, headDim, ffn, vocab, true, false, 32, 0, 0, 0);
    }

    /** Whisper: 1500 encoder frames, 448 decoder positions, tied {@code proj_out}. */
    public static EncoderDecoderArchitecture whisper(int layers, int hidden, int heads, int ffn, int vocab, int melBins) {
        return new EncoderDecoderArchitecture(Kind.WHISPER, layers, layers, hidden, heads, hidden / heads, ffn, vocab,
                true, false, 0, melBins, 1500, 448);
    }

    /** Width of the attention projections: heads x headDim. */
    public long innerWidth() {
        return (long) attentionHeads * headDim;
    }
}
