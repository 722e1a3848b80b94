package dev.headroom.catalog.files;

import dev.headroom.sizing.model.ArchitectureExtensions;
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
 * <p>Current architectures: {@code .attention.kv_lora_rank}, {@code .attention.q_lora_rank},
 * {@code .rope.dimension_count}, {@code .attention.key_length_mla} / {@code .value_length_mla} (multi-head
 * latent attention, deepseek2); {@code .expert_shared_count}, {@code .expert_feed_forward_length},
 * {@code .expert_shared_feed_forward_length}, {@code .leading_dense_block_count},
 * {@code .interleave_moe_layer_step}; {@code .attention.sliding_window_pattern} or llama.cpp's per-architecture
 * pattern (gemma2 every other layer, gemma3 five of six, gpt-oss every other, llama4 three of four);
 * {@code .ssm.conv_kernel}, {@code .ssm.inner_size}, {@code .ssm.state_size}, {@code .ssm.time_step_rank},
 * {@code .ssm.group_count} with a per-layer {@code .attention.head_count_kv} array in which 0 marks a
 * recurrent layer (granitehybrid, jamba, nemotron_h) or {@code .full_attention_interval} (qwen3next); tensors
 * {@code attn_q_norm}, {@code attn_sinks}, {@code ffn_gate_inp.bias}, {@code exp_probs_b},
 * {@code ffn_gate_inp_shexp} for q/k norms, sinks, router biases and the shared-expert gate.
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
            int[] kvPerLayer = perLayer(g, a + ".attention.head_count_kv", layers);
            if (kvPerLayer != null) {
                kvHeads = java.util.Arrays.stream(kvPerLayer).max().orElse(heads);
                kvHeads = kvHeads > 0 ? kvHeads : heads;
            }
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
            ArchitectureExtensions.Builder x = ArchitectureExtensions.builder()
                    .qkNorm(g.hasTensor("blk.0.attn_q_norm.weight"))
                    .attentionSinks(g.hasTensor("blk.0.attn_sinks.weight") || g.hasTensor("blk.0.attn_sinks"))
                    .gatedAttention(a.equals("qwen3next"));
            int experts = optional(g, a + ".expert_count", 0);
            if (experts > 0) {
                b.experts(experts, optional(g, a + ".expert_used_count", 0));
                int leading = optional(g, a + ".leading_dense_block_count", 0);
                int step = Math.max(1, optional(g, a + ".interleave_moe_layer_step", 1));
                x.moeLayers(Math.min(leading, layers), step, step - 1)
                        .moeIntermediateSize(optional(g, a + ".expert_feed_forward_length", 0));
                int shared = optional(g, a + ".expert_shared_count", 0);
                int sharedWidth = optional(g, a + ".expert_shared_feed_forward_length", 0);
                boolean sharedGate = g.hasTensor("blk." + leading + ".ffn_gate_inp_shexp.weight");
                if (shared > 0 || sharedWidth > 0) {
                    int width = sharedWidth > 0 ? sharedWidth : Math.multiplyExact(Math.max(1, shared), x.build().moeIntermediateSize() > 0
                            ? x.build().moeIntermediateSize() : ffn);
                    x.sharedExperts(Math.max(1, shared), width, sharedGate);
                }
                x.routerBias(g.hasTensor("blk." + leading + ".ffn_gate_inp.bias") || g.hasTensor("blk." + leading + ".exp_probs_b.bias"));
            }
            int kvLora = optional(g, a + ".attention.kv_lora_rank", 0);
            if (kvLora > 0) {
                int rope = optional(g, a + ".rope.dimension_count", 64);
                int keyMla = optional(g, a + ".attention.key_length_mla", -1);
                int valueMla = optional(g, a + ".attention.value_length_mla", -1);
                int nope = (keyMla > 0 ? keyMla : keyLength) - rope;
                int value = valueMla > 0 ? valueMla : optional(g, a + ".attention.value_length", nope);
                x.latentAttention(optional(g, a + ".attention.q_lora_rank", 0), kvLora, rope, nope, value);
                b.headDim(nope + rope);
            }
            int window = optional(g, a + ".attention.sliding_window", 0);
            String pattern = layerPattern(g, a, layers, kvPerLayer, window);
            if (window > 0) {
                b.slidingWindow(window, pattern.isEmpty() ? layers : 0);
            }
            int convKernel = optional(g, a + ".ssm.conv_kernel", 0);
            if (convKernel > 0) {
                int inner = required(g, a + ".ssm.inner_size");
                int state = required(g, a + ".ssm.state_size");
                int dtRank = optional(g, a + ".ssm.time_step_rank", 0);
                int groups = optional(g, a + ".ssm.group_count", 0);
                if (a.equals("qwen3next")) {
                    // llama.cpp maps gated DeltaNet onto the ssm keys: d_state = key head dim, inner = value width,
                    // groups = key heads, time_step_rank = value heads.
                    x.linearAttention(groups, dtRank, state, inner / Math.max(1, dtRank), convKernel);
                } else if (groups > 0) {
                    x.mamba2(inner, dtRank, groups, state, convKernel); // Mamba-2: time_step_rank holds the head count
                } else {
                    x.mamba(inner, state, convKernel, dtRank);
                }
            }
            x.layerPattern(pattern);
            b.extensions(x.build());
            if (a.startsWith("gemma2") || a.startsWith("gemma3")) {
                b.normsPerLayer(4);
            }
            g.tensors().stream().filter(t -> t.name().equals("position_embd.weight") && t.dims().size() == 2)
                    .findFirst().ifPresent(t -> b.learnedPositions((int) Math.min(Integer.MAX_VALUE, t.dims().get(1))));
            return ArchitectureBounds.checked(b.build(), g.file());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelFileException(g.file() + ": architecture keys of '" + a + "' are inconsistent: " + e.getMessage());
        }
    }

    /**
     * The per-layer pattern: recurrent layers where a per-layer head_count_kv is 0 (Mamba-2 for granitehybrid and
     * nemotron_h, Mamba for jamba), qwen3next's full_attention_interval, an explicit sliding_window_pattern array
     * (true = sliding), or llama.cpp's fixed pattern for the architecture (src/llama-model.cpp set_swa_pattern).
     */
    static String layerPattern(GgufFile g, String a, int layers, int[] kvPerLayer, int window) {
        if (kvPerLayer != null && java.util.Arrays.stream(kvPerLayer).anyMatch(v -> v == 0)) {
            char recurrent = a.equals("jamba") ? 'n' : 'm';
            StringBuilder p = new StringBuilder(layers);
            for (int v : kvPerLayer) {
                p.append(v == 0 ? recurrent : window > 0 ? 's' : 'a');
            }
            return p.toString();
        }
        int interval = optional(g, a + ".full_attention_interval", 0);
        if (interval > ArchitectureBounds.MAX_LAYERS) {
            throw new ModelFileException(g.file() + ": metadata '" + a + ".full_attention_interval' = " + interval
                    + " exceeds " + ArchitectureBounds.MAX_LAYERS);
        }
        if (interval > 0) {
            return "l".repeat(interval - 1) + "a";
        }
        if (window <= 0) {
            return "";
        }
        if (g.metadata().get(a + ".attention.sliding_window_pattern") instanceof GgufArray arr) {
            if (arr.length() != layers || arr.head().size() != layers) {
                throw new ModelFileException(g.file() + ": metadata '" + a + ".attention.sliding_window_pattern' has "
                        + arr.length() + " values for " + layers + " layers");
            }
            StringBuilder p = new StringBuilder(layers);
            for (Object v : arr.head()) {
                p.append(Boolean.TRUE.equals(v) || v instanceof Long l && l != 0 ? 's' : 'a');
            }
            return p.toString();
        }
        int period = optional(g, a + ".attention.sliding_window_pattern", 0);
        if (period > ArchitectureBounds.MAX_LAYERS) {
            throw new ModelFileException(g.file() + ": metadata '" + a + ".attention.sliding_window_pattern' = " + period
                    + " exceeds " + ArchitectureBounds.MAX_LAYERS);
        }
        if (period > 1) {
            return "s".repeat(period - 1) + "a";
        }
        return switch (a) {
            case "gemma2", "gpt-oss" -> "sa";
            case "gemma3" -> "sssssa";
            case "llama4", "cohere2" -> "sssa";
            default -> "";
        };
    }

    /** A per-layer integer array of exactly {@code layers} values, or null when the key holds a single value. */
    private static int[] perLayer(GgufFile g, String key, int layers) {
        if (!(g.metadata().get(key) instanceof GgufArray arr)) {
            return null;
        }
        if (arr.length() != layers || arr.head().size() != layers) {
            throw new ModelFileException(g.file() + ": metadata '" + key + "' has " + arr.length() + " values for " + layers + " layers");
        }
        int[] out = new int[layers];
        for (int i = 0; i < layers; i++) {
            if (!(arr.head().get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new ModelFileException(g.file() + ": metadata '" + key + "'[" + i + "] is not a non-negative 32-bit integer");
            }
            out[i] = (int) (long) l;
        }
        return out;
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
