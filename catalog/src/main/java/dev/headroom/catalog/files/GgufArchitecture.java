package dev.headroom.catalog.files;

import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.NormKind;

/**
 * Maps GGUF architecture keys to the engine's {@link ModelArchitecture}: {@code <arch>.block_count},
 * {@code .embedding_length}, {@code .feed_forward_length}, {@code .context_length},
 * {@code .attention.head_count}, {@code .attention.head_count_kv}, {@code .attention.key_length},
 * {@code .expert_count}, {@code .expert_used_count}, {@code .attention.sliding_window}; the vocabulary from
 * {@code <arch>.vocab_size} or the length of {@code tokenizer.ggml.tokens}; tied embeddings when there is no
 * {@code output.weight} tensor (llama.cpp then reuses {@code token_embd.weight}).
 *
 * <p>Source: ggml/docs/gguf.md "LLM" keys and llama.cpp {@code src/llama-arch.cpp}.
 */
public final class GgufArchitecture {
    private GgufArchitecture() {
    }

    /** Whether the file carries the keys of a transformer decoder. */
    public static boolean present(GgufFile g) {
        String a = g.architectureName();
        return !a.isEmpty() && g.integer(a + ".block_count") > 0 && g.integer(a + ".embedding_length") > 0
                && g.integer(a + ".attention.head_count") > 0;
    }

    /**
     * @throws ModelFileException naming the missing or invalid key
     */
    public static ModelArchitecture of(GgufFile g) {
        String a = g.architectureName();
        if (a.isEmpty()) {
            throw new ModelFileException(g.file() + ": metadata 'general.architecture' is missing");
        }
        int layers = required(g, a + ".block_count");
        int hidden = required(g, a + ".embedding_length");
        int heads = required(g, a + ".attention.head_count");
        int kvHeads = optional(g, a + ".attention.head_count_kv", heads);
        int ffn = optional(g, a + ".feed_forward_length", 4 * hidden);
        int context = optional(g, a + ".context_length", 2048);
        int vocab = optional(g, a + ".vocab_size", -1);
        if (vocab <= 0 && g.metadata().get("tokenizer.ggml.tokens") instanceof GgufArray tokens) {
            vocab = (int) Math.min(Integer.MAX_VALUE, tokens.length());
        }
        if (vocab <= 0) {
            vocab = g.tensors().stream().filter(t -> t.name().equals("token_embd.weight") && t.dims().size() == 2)
                    .mapToInt(t -> (int) Math.min(Integer.MAX_VALUE, t.dims().get(1))).findFirst()
                    .orElseThrow(() -> new ModelFileException(g.file() + ": no vocabulary size (" + a + ".vocab_size or tokenizer.ggml.tokens)"));
        }
        boolean plain = a.equals("gpt2") || a.equals("starcoder") || a.equals("falcon") || a.equals("bloom")
                || a.equals("mpt") || a.equals("phi2") || a.equals("gptneox") || a.equals("bert");
        try {
            ModelArchitecture.Builder b = ModelArchitecture.llama(layers, hidden, heads, kvHeads, ffn, vocab, context)
                    .tiedEmbeddings(!g.hasTensor("output.weight"))
                    .mlp(plain ? MlpKind.PLAIN : MlpKind.GATED)
                    .norm(plain || a.equals("gptneox") ? NormKind.LAYER : NormKind.RMS)
                    .qkvBias(g.hasTensor("blk.0.attn_q.bias") || g.hasTensor("blk.0.attn_qkv.bias"))
                    .outputBias(g.hasTensor("blk.0.attn_output.bias"));
            int keyLength = optional(g, a + ".attention.key_length", -1);
            if (keyLength > 0) {
                b.headDim(keyLength);
            }
            int experts = optional(g, a + ".expert_count", 0);
            if (experts > 0) {
                b.experts(experts, optional(g, a + ".expert_used_count", 0));
            }
            int window = optional(g, a + ".attention.sliding_window", 0);
            if (window > 0) {
                b.slidingWindow(window, a.startsWith("gemma2") ? layers / 2 : layers);
            }
            if (a.startsWith("gemma2") || a.startsWith("gemma3")) {
                b.normsPerLayer(4);
            }
            g.tensors().stream().filter(t -> t.name().equals("position_embd.weight") && t.dims().size() == 2)
                    .findFirst().ifPresent(t -> b.learnedPositions((int) Math.min(Integer.MAX_VALUE, t.dims().get(1))));
            return ArchitectureBounds.checked(b.build(), g.file());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(g.file() + ": architecture keys of '" + a + "' are inconsistent: " + e.getMessage());
        }
    }

    private static int required(GgufFile g, String key) {
        int v = optional(g, key, -1);
        if (v <= 0) {
            throw new ModelFileException(g.file() + ": metadata '" + key + "' is missing or not a positive integer");
        }
        return v;
    }

    private static int optional(GgufFile g, String key, int fallback) {
        Object v = g.metadata().get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof GgufArray arr && !arr.head().isEmpty() && arr.head().get(0) instanceof Long) {
            // Some architectures store per-layer values (e.g. head_count_kv); the sizing uses the first layer's.
            v = arr.head().get(0);
        }
        if (!(v instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
            throw new ModelFileException(g.file() + ": metadata '" + key + "' = " + v + " is not a non-negative 32-bit integer");
        }
        return (int) (long) l;
    }
}
