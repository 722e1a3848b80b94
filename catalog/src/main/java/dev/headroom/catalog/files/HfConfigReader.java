package dev.headroom.catalog.files;

import com.fasterxml.jackson.databind.JsonNode;
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
            if (window > 0 && window < context) {
                boolean alternating = type.startsWith("gemma2");
                b.slidingWindow(window, alternating ? layers / 2 : layers);
            }
            if (type.startsWith("gemma2") || type.startsWith("gemma3")) {
                b.normsPerLayer(4);
            }
            return new HfConfig(file, type, cls, ArchitectureBounds.checked(b.build(), file), dtype, quant, bits, "");
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": inconsistent shape: " + e.getMessage());
        }
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
