package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HfConfigReaderTest {
    private static HfConfig parse(String json) {
        return HfConfigReader.parse("config.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsLlama3EightBExactly() {
        // config.json of meta-llama/Meta-Llama-3-8B (validation/model_configs.csv); 8,030,261,248 parameters.
        HfConfig c = parse("{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\",\"hidden_size\":4096,"
                + "\"intermediate_size\":14336,\"num_attention_heads\":32,\"num_hidden_layers\":32,\"num_key_value_heads\":8,"
                + "\"vocab_size\":128256,\"max_position_embeddings\":8192,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}");
        assertThat(c.architectureClass()).isEqualTo("LlamaForCausalLM");
        assertThat(c.torchDtype()).isEqualTo("bfloat16");
        assertThat(ParameterCounter.totalParameters(c.architecture())).isEqualTo(8_030_261_248L);
    }

    @Test
    void readsGpt2KeyNamesAndDefaults() {
        // openai-community/gpt2 config.json: n_inner null => 4 x n_embd; 124,439,808 parameters.
        ModelArchitecture a = parse("{\"model_type\":\"gpt2\",\"n_embd\":768,\"n_layer\":12,\"n_head\":12,\"n_inner\":null,"
                + "\"n_positions\":1024,\"vocab_size\":50257,\"activation_function\":\"gelu_new\"}").architecture();
        assertThat(a.intermediateSize()).isEqualTo(3072);
        assertThat(ParameterCounter.totalParameters(a)).isEqualTo(124_439_808L);
    }

    @Test
    void readsMixtralExperts() {
        ModelArchitecture a = parse("{\"model_type\":\"mixtral\",\"hidden_size\":4096,\"intermediate_size\":14336,\"num_attention_heads\":32,"
                + "\"num_hidden_layers\":32,\"num_key_value_heads\":8,\"vocab_size\":32000,\"max_position_embeddings\":32768,"
                + "\"num_local_experts\":8,\"num_experts_per_tok\":2,\"sliding_window\":null}").architecture();
        // mistralai/Mixtral-8x7B-v0.1: 46,702,792,704 parameters (validation/model_configs.csv).
        assertThat(ParameterCounter.totalParameters(a)).isEqualTo(46_702_792_704L);
        assertThat(a.slidingWindow()).isZero();
    }

    @Test
    void reportsEncoderDecoderModelsWithoutADecoderShape() {
        HfConfig c = parse("{\"model_type\":\"whisper\",\"d_model\":384,\"encoder_layers\":4,\"decoder_layers\":4}");
        assertThat(c.hasArchitecture()).isFalse();
        assertThat(c.note()).contains("encoder_layers=4");
    }

    @Test
    void readsQuantizationConfig() {
        HfConfig c = parse("{\"model_type\":\"llama\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,"
                + "\"intermediate_size\":128,\"vocab_size\":100,\"quantization_config\":{\"quant_method\":\"gptq\",\"bits\":4}}");
        assertThat(c.quantMethod()).isEqualTo("gptq");
        assertThat(c.quantBits()).isEqualTo(4);
    }

    @Test
    void rejectsInconsistentShapesWithTheField() {
        assertThatThrownBy(() -> parse("{\"model_type\":\"llama\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_key_value_heads\":3,"
                + "\"num_hidden_layers\":1,\"intermediate_size\":128,\"vocab_size\":100}"))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("kvHeads: 3 does not divide attentionHeads 4");
        assertThatThrownBy(() -> parse("{\"model_type\":\"llama\",\"hidden_size\":2000000000,\"num_attention_heads\":1,"
                + "\"num_hidden_layers\":2000000000,\"intermediate_size\":2000000000,\"vocab_size\":2000000000}"))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("layers 2000000000 exceeds the limit of 4096");
        assertThatThrownBy(() -> parse("{\"model_type\":\"llama\",\"hidden_size\":1048576,\"num_attention_heads\":1,"
                + "\"num_hidden_layers\":4096,\"intermediate_size\":4194304,\"vocab_size\":16777216,\"num_local_experts\":65536,\"num_experts_per_tok\":1}"))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("overflows a 64-bit parameter count");
        assertThatThrownBy(() -> parse("{\"num_hidden_layers\":99999999999}"))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("num_hidden_layers");
    }
}
