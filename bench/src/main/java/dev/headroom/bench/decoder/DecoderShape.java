package dev.headroom.bench.decoder;

import dev.headroom.sizing.model.ModelArchitecture;

/**
 * The shape of a Llama-style decoder (RMSNorm, gated SiLU MLP, RoPE, grouped-query attention, untied head).
 *
 * @param layers transformer blocks
 * @param hidden model width
 * @param heads query heads
 * @param kvHeads key/value heads (GQA)
 * @param ffn feed-forward width
 * @param vocab vocabulary (output head rows)
 */
public record DecoderShape(int layers, int hidden, int heads, int kvHeads, int ffn, int vocab) {
    /** TinyLlama-1.1B's width and attention layout (hidden 2048, 32/4 heads, FFN 5632) with 6 layers and a 16k vocabulary, so it runs in seconds. */
    public static final DecoderShape TINY_LLAMA_SLICE = new DecoderShape(6, 2048, 32, 4, 5632, 16384);

    public DecoderShape {
        if (layers < 1 || hidden < 256 || heads < 1 || kvHeads < 1 || ffn < 256 || vocab < 256) {
            throw new IllegalArgumentException("shape: layers, heads, kvHeads positive and hidden, ffn, vocab at least 256, was "
                    + layers + "/" + hidden + "/" + heads + "/" + kvHeads + "/" + ffn + "/" + vocab);
        }
        if (hidden % heads != 0 || heads % kvHeads != 0 || hidden % 256 != 0 || ffn % 256 != 0) {
            throw new IllegalArgumentException("shape: heads must divide hidden, kvHeads divide heads, hidden and ffn be multiples of 256, was "
                    + hidden + "/" + heads + "/" + kvHeads + "/" + ffn);
        }
    }

    public int headDim() {
        return hidden / heads;
    }

    public int kvWidth() {
        return kvHeads * headDim();
    }

    /** The same shape as the engine sees it. */
    public ModelArchitecture architecture(int maxContext) {
        return ModelArchitecture.llama(layers, hidden, heads, kvHeads, ffn, vocab, maxContext).build();
    }
}
