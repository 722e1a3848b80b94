package dev.headroom.advisor.validate;

import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.EncoderDecoderArchitecture;
import dev.headroom.sizing.model.EncoderDecoderCounter;
import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.NormKind;
import dev.headroom.sizing.model.ParameterCounter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a row of model_configs.csv (config.json fields) into the engine's architecture record, the
 * way a config reader would: the {@code architecture} column picks the family's conventions (biases,
 * norms, pooler, token types), the numeric columns give the shape, {@code extra} gives the flags that
 * config.json states outside the common keys (sliding_window, type_vocab_size, num_mel_bins, ...).
 */
final class ConfigArchitectures {
    private static final Pattern LEADING_INT = Pattern.compile("^\\s*(\\d+)");

    private ConfigArchitectures() {
    }

    /** Unique parameters of the row's model, by the engine. */
    static long parameters(Map<String, String> row) {
        String cls = row.get("architecture");
        if (cls.startsWith("T5") || cls.startsWith("Whisper")) {
            return EncoderDecoderCounter.totalParameters(encoderDecoder(row));
        }
        return ParameterCounter.totalParameters(decoderOrEncoder(row));
    }

    static EncoderDecoderArchitecture encoderDecoder(Map<String, String> row) {
        int hidden = num(row, "hidden_size");
        int heads = num(row, "num_attention_heads");
        if (row.get("architecture").startsWith("T5")) {
            return EncoderDecoderArchitecture.t5(num(row, "encoder_layers"), hidden, heads, num(row, "head_dim"),
                    num(row, "intermediate_size"), num(row, "vocab_size"));
        }
        return EncoderDecoderArchitecture.whisper(num(row, "encoder_layers"), hidden, heads, num(row, "intermediate_size"),
                num(row, "vocab_size"), extra(row, "num_mel_bins", 80));
    }

    static ModelArchitecture decoderOrEncoder(Map<String, String> row) {
        String cls = row.get("architecture");
        int layers = num(row, "num_hidden_layers");
        int hidden = num(row, "hidden_size");
        int heads = num(row, "num_attention_heads");
        int kvHeads = row.get("num_key_value_heads").isBlank() ? heads : num(row, "num_key_value_heads");
        int positions = num(row, "max_position_embeddings");
        ModelArchitecture.Builder b = ModelArchitecture.llama(layers, hidden, heads, kvHeads, num(row, "intermediate_size"),
                num(row, "vocab_size"), positions);
        b.headDim(num(row, "head_dim"));
        b.tiedEmbeddings(Boolean.parseBoolean(row.get("tie_word_embeddings")));
        if (!row.get("num_experts").isBlank()) {
            b.experts(num(row, "num_experts"), num(row, "experts_per_token"));
        }
        int window = extra(row, "sliding_window", 0);
        if (cls.startsWith("Qwen2")) {
            b.qkvBias(true).family(ArchitectureFamily.QWEN2);
        } else if (cls.startsWith("Gemma")) {
            b.normsPerLayer(4).family(ArchitectureFamily.GEMMA).slidingWindow(window, layers / 2);
            window = 0;
        } else if (cls.startsWith("Phi3")) {
            b.family(ArchitectureFamily.PHI3);
        } else if (cls.startsWith("Falcon")) {
            // Falcon-7B: one LayerNorm feeds attention and MLP in parallel; new_decoder_architecture (40B) has two.
            b.mlp(MlpKind.PLAIN).norm(NormKind.LAYER).family(ArchitectureFamily.FALCON)
                    .normsPerLayer(row.get("extra").contains("new_decoder_architecture=true") ? 2 : 1);
        } else if (cls.startsWith("GPT2")) {
            b.mlp(MlpKind.PLAIN).norm(NormKind.LAYER).qkvBias(true).outputBias(true).learnedPositions(positions)
                    .family(ArchitectureFamily.GPT2);
        } else if (cls.startsWith("Bert") || cls.startsWith("DistilBert") || cls.startsWith("Roberta") || cls.startsWith("MPNet")) {
            boolean distil = cls.startsWith("DistilBert");
            boolean mpnet = cls.startsWith("MPNet");
            b.mlp(MlpKind.PLAIN).norm(NormKind.LAYER).qkvBias(true).outputBias(true).learnedPositions(positions)
                    .tiedEmbeddings(true).pooler(!distil).family(ArchitectureFamily.BERT)
                    .tokenTypes(distil || mpnet ? 0 : extra(row, "type_vocab_size", 2))
                    .relativeAttentionBuckets(extra(row, "relative_attention_num_buckets", 0));
        }
        if (window > 0) {
            b.slidingWindow(window, layers);
        }
        return b.build();
    }

    /** Model names used in the measurement files, mapped to the config rows (same shapes). */
    static String configName(String measuredModel) {
        String m = measuredModel;
        if (m.startsWith("CodeLlama-7B") || m.startsWith("Llama-2-7B")) {
            return "Llama-2-7B";
        }
        if (m.startsWith("Meta-Llama-3-8B")) {
            return "Llama-3-8B";
        }
        if (m.startsWith("Meta-Llama-3-70B") || m.startsWith("Meta-Llama-3.1-70B")) {
            return "Llama-3-70B"; // 3.1 differs only in rope scaling and context
        }
        return m;
    }

    /** The architecture for a measured model name: a config row, or one of the references below. */
    static ModelArchitecture forMeasuredModel(String measuredModel, List<Map<String, String>> configs) {
        String name = configName(measuredModel);
        for (Map<String, String> row : configs) {
            if (row.get("model").equals(name)) {
                return decoderOrEncoder(row);
            }
        }
        return switch (name) {
            // LLaMA-1 params.json (dim 6656, n_layers 60, n_heads 52; dim 8192, 80, 64) with the
            // multiple_of = 256 ffn rule (17920, 22016), vocab 32000.
            case "LLaMA-1 30B" -> ModelArchitecture.llama(60, 6656, 52, 52, 17920, 32000, 2048).build();
            case "LLaMA-1 65B" -> ModelArchitecture.llama(80, 8192, 64, 64, 22016, 32000, 2048).build();
            // facebook/opt-125m config.json: 12 layers, hidden 768, 12 heads, ffn 3072, vocab 50272,
            // 2048 positions (+2 offset rows), LayerNorm, biases, ReLU, tied head.
            case "facebook/opt-125m" -> ModelArchitecture.llama(12, 768, 12, 12, 3072, 50272, 2050).mlp(MlpKind.PLAIN)
                    .norm(NormKind.LAYER).qkvBias(true).outputBias(true).learnedPositions(2050).tiedEmbeddings(true)
                    .family(ArchitectureFamily.GPT2).build();
            default -> throw new IllegalArgumentException("validation: no architecture for model '" + measuredModel + "'");
        };
    }

    static int num(Map<String, String> row, String column) {
        String v = row.get(column);
        Matcher m = v == null ? null : LEADING_INT.matcher(v);
        if (m == null || !m.find()) {
            throw new IllegalArgumentException("model_configs.csv " + row.get("model") + ": column " + column + " is not a number: '" + v + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    private static int extra(Map<String, String> row, String key, int fallback) {
        Matcher m = Pattern.compile(Pattern.quote(key) + "=(\\d+)").matcher(row.getOrDefault("extra", ""));
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }
}
