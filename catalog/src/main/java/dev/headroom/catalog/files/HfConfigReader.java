package dev.headroom.catalog.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.sizing.model.ArchitectureExtensions;
import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.NormKind;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a Hugging Face {@code config.json} into the engine's {@link ModelArchitecture}, following the key
 * names of each transformers model class: {@code num_hidden_layers}/{@code n_layer},
 * {@code hidden_size}/{@code n_embd}, {@code num_attention_heads}/{@code n_head}, {@code num_key_value_heads}
 * (Falcon/StarCoder {@code multi_query} = 1), {@code head_dim}, {@code intermediate_size}/{@code n_inner}
 * (default 4 x hidden), {@code vocab_size}, {@code max_position_embeddings}/{@code n_positions},
 * {@code tie_word_embeddings}, {@code num_local_experts}, {@code num_experts_per_tok}, {@code sliding_window}.
 *
 * <p>Current architectures ({@link #extensions}): {@code layer_types} (sliding_attention, full_attention,
 * linear_attention, mamba, attention, chunked_attention), {@code sliding_window_pattern} (Gemma 3),
 * {@code use_sliding_window: false} (Qwen2/3: no window), {@code full_attention_interval} (Qwen3-Next),
 * {@code attn_layer_period/offset} and {@code expert_layer_period/offset} (Jamba); MLA {@code kv_lora_rank},
 * {@code q_lora_rank}, {@code qk_rope_head_dim}, {@code qk_nope_head_dim}, {@code v_head_dim}; MoE
 * {@code moe_intermediate_size}, {@code n_shared_experts}, {@code shared_expert_intermediate_size},
 * {@code shared_intermediate_size} (Granite 4.0-H), {@code first_k_dense_replace}, {@code moe_layer_freq},
 * {@code decoder_sparse_step}, {@code interleave_moe_layer_step} and {@code intermediate_size_mlp} (Llama 4),
 * {@code topk_method: noaux_tc} (router correction bias); Mamba {@code mamba_d_state}, {@code mamba_d_conv},
 * {@code mamba_expand}, {@code mamba_dt_rank}, {@code mamba_n_heads}, {@code mamba_d_head},
 * {@code mamba_n_groups}; gated DeltaNet {@code linear_num_key_heads}, {@code linear_num_value_heads},
 * {@code linear_key_head_dim}, {@code linear_value_head_dim}, {@code linear_conv_kernel_dim}. Every count is
 * bounded by {@link ArchitectureBounds} before the engine walks the layers.
 */
public final class HfConfigReader {
    /** config.json files are a few KiB; the largest (with embedded tokenizer data) stay far below this. */
    public static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

    private static final Set<String> ENCODER_DECODER = Set.of("t5", "mt5", "bart", "mbart", "marian", "pegasus",
            "whisper", "m2m_100", "nllb_moe", "blenderbot", "blenderbot-small", "longt5", "umt5", "switch_transformers");
    private static final Set<String> PLAIN_MLP = Set.of("gpt2", "gpt_bigcode", "falcon", "RefinedWeb", "RefinedWebModel",
            "bloom", "mpt", "phi", "gpt_neox", "gptj", "opt", "starcoder2", "bert", "roberta", "xlm-roberta", "distilbert",
            "electra", "mpnet", "biogpt", "codegen");
    private static final Set<String> TIED_BY_DEFAULT = Set.of("gpt2", "gemma", "gemma2", "gemma3", "gemma3_text", "bert",
            "roberta", "xlm-roberta", "distilbert", "electra", "mpnet", "bloom", "mpt", "starcoder2", "biogpt", "gpt_bigcode");

    private HfConfigReader() {
    }

    public static HfConfig read(Path file) {
        try (ByteSource src = ByteSource.open(file)) {
            if (src.size() > MAX_CONFIG_BYTES) {
                throw new ModelFileException(file + ": " + src.size() + " bytes exceeds the config.json limit of " + MAX_CONFIG_BYTES);
            }
            return parse(file.toString(), src.read(0, (int) src.size()));
        }
    }

    public static HfConfig parse(String file, byte[] json) {
        if (json.length > MAX_CONFIG_BYTES) {
            throw new ModelFileException(file + ": " + json.length + " bytes exceeds the config.json limit of " + MAX_CONFIG_BYTES);
        }
        JsonNode c = BoundedJson.parse(json, file);
        if (!c.isObject()) {
            throw new ModelFileException(file + ": not a JSON object");
        }
        if (c.path("text_config").isObject() && !c.has("num_hidden_layers") && !c.has("hidden_size")) {
            c = c.get("text_config"); // multimodal wrappers (Llava, Gemma 3) keep the language model here
        }
        String type = c.path("model_type").asText("");
        String cls = c.path("architectures").path(0).asText("");
        JsonNode q = c.path("quantization_config");
        String quant = q.path("quant_method").asText("");
        int bits = q.path("bits").canConvertToInt() ? q.path("bits").asInt() : 0;
        String dtype = c.path("torch_dtype").asText(c.path("dtype").asText(""));
        if (ENCODER_DECODER.contains(type) || c.path("is_encoder_decoder").asBoolean(false)) {
            return new HfConfig(file, type, cls, null, dtype, quant, bits,
                    "encoder-decoder model: the engine's decoder shape does not apply (encoder_layers="
                            + first(c, -1, "encoder_layers", "num_layers") + ", decoder_layers=" + first(c, -1, "decoder_layers", "num_decoder_layers") + ")");
        }
        int layers = first(c, -1, "num_hidden_layers", "n_layer", "num_layers", "n_layers");
        int hidden = first(c, -1, "hidden_size", "n_embd", "d_model", "dim");
        int heads = first(c, -1, "num_attention_heads", "n_head", "n_heads");
        if (layers <= 0 || hidden <= 0 || heads <= 0) {
            return new HfConfig(file, type, cls, null, dtype, quant, bits,
                    "no transformer shape (num_hidden_layers, hidden_size, num_attention_heads)");
        }
        boolean multiQuery = c.path("multi_query").asBoolean(false) && !c.path("new_decoder_architecture").asBoolean(false);
        int kv = first(c, multiQuery ? 1 : heads, "num_key_value_heads", "num_kv_heads", "n_head_kv");
        if (c.path("new_decoder_architecture").asBoolean(false)) {
            kv = first(c, heads, "num_kv_heads");
        }
        int inter = first(c, 4 * hidden, "intermediate_size", "n_inner", "ffn_dim", "hidden_dim", "ffn_hidden_size");
        int vocab = first(c, -1, "vocab_size", "padded_vocab_size");
        int context = first(c, 2048, "max_position_embeddings", "n_positions", "seq_length", "max_seq_len", "n_ctx");
        try {
            ModelArchitecture.Builder b = ModelArchitecture.llama(layers, hidden, heads, kv, inter, vocab, context);
            int headDim = first(c, -1, "head_dim");
            if (headDim > 0) {
                b.headDim(headDim);
            }
            boolean plain = PLAIN_MLP.contains(type) || c.path("hidden_act").asText("").equals("gelu") && !type.startsWith("gemma");
            b.mlp(plain ? MlpKind.PLAIN : MlpKind.GATED);
            b.norm(plain ? NormKind.LAYER : NormKind.RMS);
            b.tiedEmbeddings(c.path("tie_word_embeddings").asBoolean(TIED_BY_DEFAULT.contains(type)));
            boolean bias = c.path("bias").asBoolean(false) || c.path("attention_bias").asBoolean(false)
                    || type.equals("qwen2") || type.equals("qwen2_moe") || plain && !type.equals("falcon") && !type.startsWith("Refined");
            b.qkvBias(bias);
            b.outputBias(plain && !type.equals("falcon") && !type.startsWith("Refined") || c.path("bias").asBoolean(false));
            if (type.equals("gpt2") || type.equals("gpt_bigcode") || type.equals("bert") || type.equals("roberta")
                    || type.equals("xlm-roberta") || type.equals("distilbert") || type.equals("electra") || type.equals("biogpt")) {
                b.learnedPositions(context);
            }
            if (type.equals("falcon") || type.startsWith("Refined")) {
                b.normsPerLayer(c.path("new_decoder_architecture").asBoolean(false) ? 2 : 1);
            }
            int experts = first(c, 0, "num_local_experts", "num_experts", "n_routed_experts");
            if (experts > 0) {
                b.experts(experts, first(c, 0, "num_experts_per_tok", "num_experts_per_token", "moe_top_k"));
            }
            int window = c.path("sliding_window").canConvertToInt() ? c.path("sliding_window").asInt() : 0;
            if (type.startsWith("llama4") && c.path("attention_chunk_size").canConvertToInt()) {
                window = c.path("attention_chunk_size").asInt(); // chunked attention: at most a chunk is attended
            }
            if (!c.path("use_sliding_window").asBoolean(true)) {
                window = 0; // Qwen2/Qwen3 configs state a window they do not use
            }
            String pattern = layerPattern(c, type, layers, window);
            if (window > 0 && (window < context || !pattern.isEmpty())) {
                b.slidingWindow(window, pattern.isEmpty() ? layers : 0);
            } else if (pattern.indexOf('s') >= 0) {
                pattern = pattern.replace('s', 'a'); // the window covers the whole context
            }
            if (type.startsWith("gemma2") || type.startsWith("gemma3")) {
                b.normsPerLayer(4);
            }
            ArchitectureExtensions x = extensions(c, type, layers, hidden, pattern, b);
            b.extensions(x);
            return new HfConfig(file, type, cls, ArchitectureBounds.checked(b.build(), file), dtype, quant, bits, "");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelFileException(file + ": inconsistent shape: " + e.getMessage());
        }
    }

    /** The per-layer pattern from layer_types, sliding_window_pattern, full_attention_interval or Jamba's periods. */
    static String layerPattern(JsonNode c, String type, int layers, int window) {
        JsonNode types = c.path("layer_types");
        if (types.isArray() && types.size() > 0) {
            if (types.size() > ArchitectureBounds.MAX_LAYERS) {
                throw new ModelFileException("config.json: layer_types has " + types.size() + " entries, more than "
                        + ArchitectureBounds.MAX_LAYERS);
            }
            StringBuilder p = new StringBuilder(types.size());
            for (JsonNode t : types) {
                p.append(switch (t.asText()) {
                    case "sliding_attention", "chunked_attention" -> 's';
                    case "linear_attention" -> 'l';
                    case "mamba" -> type.startsWith("jamba") ? 'n' : 'm';
                    case "full_attention", "attention" -> 'a';
                    default -> throw new ModelFileException("config.json: layer_types entry '" + t.asText() + "' is not known");
                });
            }
            return p.toString();
        }
        if (type.startsWith("jamba") || c.has("attn_layer_period")) {
            int period = Math.max(1, first(c, 1, "attn_layer_period"));
            if (period > ArchitectureBounds.MAX_LAYERS) {
                throw new ModelFileException("config.json: attn_layer_period " + period + " exceeds " + ArchitectureBounds.MAX_LAYERS);
            }
            int offset = first(c, 0, "attn_layer_offset") % period;
            StringBuilder p = new StringBuilder(period);
            for (int i = 0; i < period; i++) {
                p.append(i == offset ? 'a' : 'n');
            }
            return p.toString();
        }
        int interval = first(c, 0, "full_attention_interval");
        if (interval > 0 && interval <= ArchitectureBounds.MAX_LAYERS) {
            return "l".repeat(interval - 1) + "a";
        }
        if (window <= 0) {
            return "";
        }
        int swaPattern = first(c, 0, "sliding_window_pattern");
        if (swaPattern > 1 && swaPattern <= ArchitectureBounds.MAX_LAYERS) {
            return "s".repeat(swaPattern - 1) + "a";
        }
        if (type.startsWith("gemma3")) {
            return "sssssa"; // transformers Gemma3TextConfig default sliding_window_pattern = 6
        }
        if (type.startsWith("gemma2") || type.equals("gpt_oss")) {
            return "sa";
        }
        if (type.startsWith("llama4")) {
            return "sssa"; // no_rope_layers default: every fourth layer global
        }
        return "";
    }

    /** MLA, shared/fine-grained experts, MoE layer placement, Mamba and gated DeltaNet fields. */
    static ArchitectureExtensions extensions(JsonNode c, String type, int layers, int hidden, String pattern, ModelArchitecture.Builder b) {
        ArchitectureExtensions.Builder x = ArchitectureExtensions.builder().layerPattern(pattern)
                .qkNorm(type.startsWith("qwen3") || type.startsWith("gemma3") || c.path("use_qk_norm").asBoolean(false))
                .gatedAttention(type.equals("qwen3_next"))
                .attentionSinks(type.equals("gpt_oss"));
        if (type.equals("gpt_oss")) {
            b.qkvBias(true).outputBias(true); // q/k/v/o biases, expert biases
            x.routerBias(true);
        }
        int kvLora = first(c, 0, "kv_lora_rank");
        if (kvLora > 0) {
            int rope = first(c, 64, "qk_rope_head_dim");
            int nope = first(c, 128, "qk_nope_head_dim");
            x.latentAttention(first(c, 0, "q_lora_rank"), kvLora, rope, nope, first(c, nope, "v_head_dim"));
            b.headDim(nope + rope);
        }
        int moeWidth = first(c, 0, "moe_intermediate_size");
        if (type.startsWith("llama4")) {
            moeWidth = first(c, 0, "intermediate_size");
            b.intermediateSize(first(c, 4 * hidden, "intermediate_size_mlp"));
        }
        x.moeIntermediateSize(moeWidth);
        int routedWidth = moeWidth > 0 ? moeWidth : first(c, 0, "intermediate_size");
        int shared = first(c, 0, "n_shared_experts", "num_shared_experts");
        int sharedWidth = first(c, 0, "shared_expert_intermediate_size", "shared_intermediate_size");
        if (type.startsWith("llama4")) {
            shared = 1;
            sharedWidth = routedWidth;
        }
        if (shared > 0 && sharedWidth == 0) {
            sharedWidth = Math.multiplyExact(shared, routedWidth);
        }
        if (sharedWidth > 0 && b.build().experts() == 0) {
            // Granite 4.0-H without experts (h-micro): the "shared" MLP is the layer's dense feed-forward.
            b.intermediateSize(sharedWidth);
        } else if (sharedWidth > 0) {
            x.sharedExperts(Math.max(1, shared), sharedWidth, type.equals("qwen2_moe") || type.equals("qwen3_next"));
        }
        int firstDense = Math.min(layers, first(c, 0, "first_k_dense_replace"));
        int period = Math.max(1, first(c, 1, "moe_layer_freq", "decoder_sparse_step", "interleave_moe_layer_step", "expert_layer_period"));
        int offset = c.has("expert_layer_offset") ? first(c, 0, "expert_layer_offset") % period
                : c.has("moe_layer_freq") ? 0 : period - 1; // Qwen2-MoE and Llama 4: (layer + 1) % step == 0
        x.moeLayers(firstDense, period, offset);
        x.routerBias(c.path("topk_method").asText("").equals("noaux_tc") || type.equals("gpt_oss"));
        if (pattern.indexOf('n') >= 0) {
            int inner = Math.multiplyExact(first(c, 2, "mamba_expand"), hidden);
            int dtRank = c.path("mamba_dt_rank").isIntegralNumber() ? first(c, 0, "mamba_dt_rank") : (hidden + 15) / 16;
            x.mamba(inner, first(c, 16, "mamba_d_state"), first(c, 4, "mamba_d_conv"), dtRank);
        }
        if (pattern.indexOf('m') >= 0) {
            int heads = first(c, 0, "mamba_n_heads");
            int headDim = first(c, 0, "mamba_d_head");
            int inner = heads > 0 && headDim > 0 ? Math.multiplyExact(heads, headDim) : Math.multiplyExact(first(c, 2, "mamba_expand"), hidden);
            x.mamba2(inner, heads, first(c, 1, "mamba_n_groups"), first(c, 128, "mamba_d_state"), first(c, 4, "mamba_d_conv"));
        }
        if (pattern.indexOf('l') >= 0) {
            x.linearAttention(first(c, 0, "linear_num_key_heads"), first(c, 0, "linear_num_value_heads"),
                    first(c, 0, "linear_key_head_dim"), first(c, 0, "linear_value_head_dim"), first(c, 4, "linear_conv_kernel_dim"));
        }
        return x.build();
    }

    private static int first(JsonNode c, int fallback, String... keys) {
        for (String k : keys) {
            JsonNode v = c.get(k);
            if (v != null && v.isIntegralNumber()) {
                if (!v.canConvertToInt() || v.asInt() < 0) {
                    throw new ModelFileException("config.json: '" + k + "' = " + v + " is not a non-negative 32-bit integer");
                }
                return v.asInt();
            }
        }
        return fallback;
    }
}
