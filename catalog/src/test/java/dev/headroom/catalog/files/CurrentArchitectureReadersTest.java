package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.memory.KvCacheModel;
import dev.headroom.sizing.model.LayerKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.quant.GgmlType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * config.json and GGUF headers of current architectures read into the same shapes as the bundled catalog
 * entries (whose counts {@code Catalog2026Test} checks against the published ones). The configs are the
 * published files' sizing keys, verbatim values.
 */
class CurrentArchitectureReadersTest {
    private static final ModelCatalog CATALOG = ModelCatalog.bundled();

    private static ModelArchitecture config(String json) {
        return HfConfigReader.parse("config.json", json.getBytes(StandardCharsets.UTF_8)).architecture();
    }

    private static long count(ModelArchitecture a) {
        return ParameterCounter.totalParameters(a);
    }

    private static long catalogCount(String id) {
        return count(CATALOG.get(id).architecture());
    }

    @Test
    void deepSeekV3ConfigReadsLatentAttentionAndSharedExperts() {
        // https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json
        ModelArchitecture a = config("""
                {"architectures":["DeepseekV3ForCausalLM"],"model_type":"deepseek_v3","hidden_size":7168,
                 "intermediate_size":18432,"moe_intermediate_size":2048,"num_hidden_layers":61,"num_attention_heads":128,
                 "num_key_value_heads":128,"n_shared_experts":1,"n_routed_experts":256,"num_experts_per_tok":8,
                 "first_k_dense_replace":3,"moe_layer_freq":1,"kv_lora_rank":512,"q_lora_rank":1536,"qk_rope_head_dim":64,
                 "qk_nope_head_dim":128,"v_head_dim":128,"topk_method":"noaux_tc","vocab_size":129280,
                 "max_position_embeddings":163840,"tie_word_embeddings":false,"num_nextn_predict_layers":1}""");
        assertThat(a.extensions().kvLoraRank()).isEqualTo(512);
        assertThat(a.isMoeLayer(2)).isFalse();
        assertThat(a.isMoeLayer(3)).isTrue();
        assertThat(count(a)).isEqualTo(catalogCount("deepseek-v3"));
        assertThat(a.kvElementsPerToken()).isEqualTo(576);
    }

    @Test
    void gptOssConfigReadsLayerTypesSinksAndBiases() {
        // https://huggingface.co/openai/gpt-oss-20b/blob/main/config.json (layer_types: 12 x sliding, full)
        String types = String.join(",", Collections.nCopies(12, "\"sliding_attention\",\"full_attention\""));
        ModelArchitecture a = config("""
                {"architectures":["GptOssForCausalLM"],"model_type":"gpt_oss","hidden_size":2880,"intermediate_size":2880,
                 "num_hidden_layers":24,"num_attention_heads":64,"num_key_value_heads":8,"head_dim":64,"num_local_experts":32,
                 "num_experts_per_tok":4,"sliding_window":128,"attention_bias":true,"vocab_size":201088,
                 "max_position_embeddings":131072,"tie_word_embeddings":false,"layer_types":[%s]}""".formatted(types));
        assertThat(a.layerKind(0)).isEqualTo(LayerKind.SLIDING_ATTENTION);
        assertThat(a.layerKind(1)).isEqualTo(LayerKind.FULL_ATTENTION);
        assertThat(a.extensions().attentionSinks()).isTrue();
        assertThat(count(a)).isEqualTo(catalogCount("gpt-oss-20b"));
    }

    @Test
    void gemma3ConfigReadsTheTextConfigAndWindowPattern() {
        // https://huggingface.co/google/gemma-3-12b-it/blob/main/config.json (text_config)
        ModelArchitecture a = config("""
                {"architectures":["Gemma3ForConditionalGeneration"],"model_type":"gemma3","text_config":{
                 "model_type":"gemma3_text","hidden_size":3840,"intermediate_size":15360,"num_hidden_layers":48,
                 "num_attention_heads":16,"num_key_value_heads":8,"head_dim":256,"sliding_window":1024,
                 "sliding_window_pattern":6,"vocab_size":262208,"max_position_embeddings":131072}}""");
        assertThat(a.layersOf(LayerKind.FULL_ATTENTION)).isEqualTo(8);
        assertThat(a.extensions().qkNorm()).isTrue();
        assertThat(count(a)).isEqualTo(catalogCount("gemma-3-12b"));
    }

    @Test
    void qwen3ConfigIgnoresAnUnusedWindow() {
        // https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json: sliding_window 32768 with use_sliding_window false.
        ModelArchitecture a = config("""
                {"architectures":["Qwen3ForCausalLM"],"model_type":"qwen3","hidden_size":4096,"intermediate_size":12288,
                 "num_hidden_layers":36,"num_attention_heads":32,"num_key_value_heads":8,"head_dim":128,"sliding_window":32768,
                 "use_sliding_window":false,"max_window_layers":36,"vocab_size":151936,"max_position_embeddings":40960,
                 "tie_word_embeddings":false}""");
        assertThat(a.slidingWindow()).isZero();
        assertThat(count(a)).isEqualTo(catalogCount("qwen3-8b"));
    }

    @Test
    void jambaConfigReadsPeriodsAndMambaFields() {
        // https://huggingface.co/ai21labs/Jamba-v0.1/blob/main/config.json
        ModelArchitecture a = config("""
                {"architectures":["JambaForCausalLM"],"model_type":"jamba","hidden_size":4096,"intermediate_size":14336,
                 "num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"num_experts":16,"num_experts_per_tok":2,
                 "expert_layer_period":2,"expert_layer_offset":1,"attn_layer_period":8,"attn_layer_offset":4,
                 "mamba_d_state":16,"mamba_d_conv":4,"mamba_expand":2,"mamba_dt_rank":256,"vocab_size":65536,
                 "max_position_embeddings":262144,"tie_word_embeddings":false}""");
        assertThat(a.layerKind(4)).isEqualTo(LayerKind.FULL_ATTENTION);
        assertThat(a.layerKind(0)).isEqualTo(LayerKind.MAMBA);
        assertThat(count(a)).isEqualTo(catalogCount("jamba-v0.1"));
    }

    @Test
    void qwen3NextConfigReadsTheLinearAttentionInterval() {
        // https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct/blob/main/config.json
        ModelArchitecture a = config("""
                {"architectures":["Qwen3NextForCausalLM"],"model_type":"qwen3_next","hidden_size":2048,"intermediate_size":5120,
                 "num_hidden_layers":48,"num_attention_heads":16,"num_key_value_heads":2,"head_dim":256,"num_experts":512,
                 "num_experts_per_tok":10,"moe_intermediate_size":512,"shared_expert_intermediate_size":512,
                 "decoder_sparse_step":1,"full_attention_interval":4,"linear_num_key_heads":16,"linear_num_value_heads":32,
                 "linear_key_head_dim":128,"linear_value_head_dim":128,"linear_conv_kernel_dim":4,"vocab_size":151936,
                 "max_position_embeddings":262144,"tie_word_embeddings":false}""");
        assertThat(a.layersOf(LayerKind.LINEAR_ATTENTION)).isEqualTo(36);
        assertThat(count(a)).isEqualTo(catalogCount("qwen3-next-80b-a3b"));
    }

    @Test
    void llama4ConfigReadsChunkedAttentionAndInterleavedExperts() {
        // https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct/blob/main/config.json (text_config)
        ModelArchitecture a = config("""
                {"architectures":["Llama4ForConditionalGeneration"],"model_type":"llama4","text_config":{
                 "model_type":"llama4_text","hidden_size":5120,"intermediate_size":8192,"intermediate_size_mlp":16384,
                 "num_hidden_layers":48,"num_attention_heads":40,"num_key_value_heads":8,"head_dim":128,"num_local_experts":128,
                 "num_experts_per_tok":1,"interleave_moe_layer_step":2,"attention_chunk_size":8192,"vocab_size":202048,
                 "max_position_embeddings":1048576}}""");
        assertThat(a.isMoeLayer(0)).isFalse();
        assertThat(a.isMoeLayer(1)).isTrue();
        assertThat(count(a)).isEqualTo(catalogCount("llama-4-maverick"));
    }

    @Test
    void graniteHybridConfigReadsMambaTwoLayersAndTheDenseSharedMlp() {
        // ibm-granite/granite-4.0-h-micro config.json sizing keys (quoted as fetched from
        // huggingface.co/ibm-granite/granite-4.0-h-micro/raw/main/config.json in a public test suite).
        String types = String.join(",", Collections.nCopies(5, "\"mamba\"")) + ",\"attention\","
                + String.join(",", Collections.nCopies(3, String.join(",", Collections.nCopies(9, "\"mamba\"")) + ",\"attention\""))
                + "," + String.join(",", Collections.nCopies(4, "\"mamba\""));
        ModelArchitecture a = config("""
                {"model_type":"granitemoehybrid","num_hidden_layers":40,"hidden_size":2048,"num_attention_heads":32,
                 "num_key_value_heads":8,"mamba_n_heads":64,"mamba_d_head":64,"mamba_d_state":128,"mamba_n_groups":1,
                 "mamba_d_conv":4,"mamba_expand":2,"num_local_experts":0,"shared_intermediate_size":8192,
                 "vocab_size":100352,"tie_word_embeddings":true,"max_position_embeddings":131072,"layer_types":[%s]}""".formatted(types));
        assertThat(a.layersOf(LayerKind.MAMBA2)).isEqualTo(36);
        assertThat(a.layerKind(35)).isEqualTo(LayerKind.FULL_ATTENTION);
        assertThat(a.intermediateSize()).isEqualTo(8192);
        assertThat(a).isEqualTo(CATALOG.get("granite-4.0-h-micro").architecture());
        // llama.cpp: per sequence 36 x (3 x (4096 + 2 x 128) + 128 x 4096) F32 values of recurrent state.
        assertThat(KvCacheModel.recurrentStateBytes(a)).isEqualTo(36L * (3 * 4352 + 128 * 4096) * 4);
    }

    @Test
    void unknownOrOversizedLayerTypesAreRejected() {
        assertThatThrownBy(() -> config("""
                {"model_type":"x","hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,"intermediate_size":128,
                 "vocab_size":100,"layer_types":["full_attention","teleport"]}"""))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("'teleport'");
        String many = String.join(",", Collections.nCopies(ArchitectureBounds.MAX_LAYERS + 1, "\"full_attention\""));
        assertThatThrownBy(() -> config("{\"model_type\":\"x\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
                + "\"intermediate_size\":128,\"vocab_size\":100,\"layer_types\":[" + many + "]}"))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("layer_types");
    }

    @Test
    void ggufDeepSeek2KeysReadLatentAttention() {
        // deepseek2 GGUF keys as convert_hf_to_gguf.py writes them for DeepSeek-V3 with MLA (key_length 576 = latent +
        // rope, key_length_mla 192, value_length_mla 128), printed in ggml-org/llama.cpp#10981's print_meta.
        GgufWriter w = new GgufWriter().string("general.architecture", "deepseek2")
                .u32("deepseek2.block_count", 61).u32("deepseek2.context_length", 163840).u32("deepseek2.embedding_length", 7168)
                .u32("deepseek2.feed_forward_length", 18432).u32("deepseek2.attention.head_count", 128)
                .u32("deepseek2.attention.head_count_kv", 1).u32("deepseek2.attention.key_length", 576)
                .u32("deepseek2.attention.value_length", 512).u32("deepseek2.attention.key_length_mla", 192)
                .u32("deepseek2.attention.value_length_mla", 128).u32("deepseek2.attention.q_lora_rank", 1536)
                .u32("deepseek2.attention.kv_lora_rank", 512).u32("deepseek2.rope.dimension_count", 64)
                .u32("deepseek2.leading_dense_block_count", 3).u32("deepseek2.expert_feed_forward_length", 2048)
                .u32("deepseek2.expert_count", 256).u32("deepseek2.expert_shared_count", 1).u32("deepseek2.expert_used_count", 8)
                .u32("deepseek2.vocab_size", 129280)
                .tensor("output.weight", GgmlType.F32, 1).tensor("blk.3.exp_probs_b.bias", GgmlType.F32, 1);
        ModelArchitecture a = GgufArchitecture.of(GgufReader.read(ByteSource.of("ds.gguf", w.bytes())));
        assertThat(count(a)).isEqualTo(catalogCount("deepseek-v3"));
        assertThat(KvCacheModel.bytesPerToken(a, dev.headroom.sizing.memory.KvCacheFormat.F16)).isEqualTo(61L * 576 * 2);
    }

    @Test
    void ggufGptOssKeysReadTheWindowPatternAndSinks() {
        GgufWriter w = new GgufWriter().string("general.architecture", "gpt-oss")
                .u32("gpt-oss.block_count", 24).u32("gpt-oss.context_length", 131072).u32("gpt-oss.embedding_length", 2880)
                .u32("gpt-oss.feed_forward_length", 2880).u32("gpt-oss.attention.head_count", 64)
                .u32("gpt-oss.attention.head_count_kv", 8).u32("gpt-oss.attention.key_length", 64)
                .u32("gpt-oss.attention.sliding_window", 128).u32("gpt-oss.expert_count", 32).u32("gpt-oss.expert_used_count", 4)
                .u32("gpt-oss.expert_feed_forward_length", 2880).u32("gpt-oss.vocab_size", 201088)
                .tensor("output.weight", GgmlType.F32, 1).tensor("blk.0.attn_sinks.weight", GgmlType.F32, 1)
                .tensor("blk.0.attn_q.bias", GgmlType.F32, 1).tensor("blk.0.attn_output.bias", GgmlType.F32, 1)
                .tensor("blk.0.ffn_gate_inp.bias", GgmlType.F32, 1);
        ModelArchitecture a = GgufArchitecture.of(GgufReader.read(ByteSource.of("oss.gguf", w.bytes())));
        assertThat(a.layersOf(LayerKind.SLIDING_ATTENTION)).isEqualTo(12);
        assertThat(count(a)).isEqualTo(catalogCount("gpt-oss-20b"));
    }

    @Test
    void ggufHybridHeadCountArrayMarksRecurrentLayers() {
        // granitehybrid GGUF (ollama/ollama#12982): head_count_kv arr[i32,40] = [0, 0, 0, 0, 0, 8, 0, ...]; attention at
        // layers 5, 15, 25, 35; ssm keys of Mamba-2 (time_step_rank holds the heads).
        List<Long> kv = new ArrayList<>(Collections.nCopies(40, 0L));
        for (int i = 5; i < 40; i += 10) {
            kv.set(i, 8L);
        }
        GgufWriter w = new GgufWriter().string("general.architecture", "granitehybrid")
                .u32("granitehybrid.block_count", 40).u32("granitehybrid.context_length", 131072)
                .u32("granitehybrid.embedding_length", 4096).u32("granitehybrid.feed_forward_length", 768)
                .u32("granitehybrid.attention.head_count", 32).ints("granitehybrid.attention.head_count_kv", kv)
                .u32("granitehybrid.expert_count", 72).u32("granitehybrid.expert_used_count", 10)
                .u32("granitehybrid.expert_shared_feed_forward_length", 8192).u32("granitehybrid.vocab_size", 100352)
                .u32("granitehybrid.ssm.conv_kernel", 4).u32("granitehybrid.ssm.inner_size", 8192)
                .u32("granitehybrid.ssm.state_size", 128).u32("granitehybrid.ssm.time_step_rank", 128)
                .u32("granitehybrid.ssm.group_count", 1);
        ModelArchitecture a = GgufArchitecture.of(GgufReader.read(ByteSource.of("g.gguf", w.bytes())));
        assertThat(a.kvHeads()).isEqualTo(8);
        assertThat(a.layersOf(LayerKind.MAMBA2)).isEqualTo(36);
        assertThat(a.layerKind(5)).isEqualTo(LayerKind.FULL_ATTENTION);
        assertThat(a.extensions().sharedExpertIntermediateSize()).isEqualTo(8192);
        // llama-memory-recurrent.cpp: R = 3 x (8192 + 2 x 128), S = 128 x 8192 per Mamba-2 layer, F32.
        assertThat(KvCacheModel.recurrentStateBytes(a)).isEqualTo(36L * (3 * (8192 + 256) + 128 * 8192) * 4);
        assertThat(a.tiedEmbeddings()).isTrue();
    }

    @Test
    void hostilePatternKeysAreBoundedBeforeAnythingIsExpanded() {
        GgufWriter interval = GgufWriter.tinyLlama().u32("llama.full_attention_interval", 2_000_000_000L);
        assertThatThrownBy(() -> GgufArchitecture.of(GgufReader.read(ByteSource.of("i.gguf", interval.bytes()))))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("exceeds 4096");
        GgufWriter period = GgufWriter.tinyLlama().u32("llama.attention.sliding_window", 128)
                .u32("llama.attention.sliding_window_pattern", 2_000_000_000L);
        assertThatThrownBy(() -> GgufArchitecture.of(GgufReader.read(ByteSource.of("p.gguf", period.bytes()))))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("exceeds 4096");
        GgufWriter layers = GgufWriter.tinyLlama().u32("llama.block_count", 2_000_000_000L).u32("llama.full_attention_interval", 4)
                .u32("llama.ssm.conv_kernel", 4).u32("llama.ssm.inner_size", 256).u32("llama.ssm.state_size", 16)
                .u32("llama.ssm.time_step_rank", 4).u32("llama.ssm.group_count", 2);
        assertThatThrownBy(() -> GgufArchitecture.of(GgufReader.read(ByteSource.of("l.gguf", layers.bytes()))))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("layers");
        assertThatThrownBy(() -> config("{\"model_type\":\"jamba\",\"hidden_size\":64,\"num_hidden_layers\":2,"
                + "\"num_attention_heads\":4,\"intermediate_size\":128,\"vocab_size\":100,\"attn_layer_period\":2000000000}"))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("attn_layer_period");
    }

    @Test
    void ggufMxfp4TensorsAreSizedAtSeventeenBytesPerThirtyTwo() {
        // ggml type 39 = MXFP4 (ggml.h); gpt-oss GGUFs keep their expert tensors in it (ggml-org/llama.cpp#15253:
        // "type mxfp4: 108 tensors"). An expert tensor with gpt-oss's 2880-wide rows (4 experts x 64 rows, to keep the
        // file small).
        GgufWriter w = GgufWriter.tinyLlama().tensor("blk.0.ffn_up_exps.weight", GgmlType.MXFP4, 2880, 64, 4);
        GgufFile g = GgufReader.read(ByteSource.of("mx.gguf", w.bytes()));
        assertThat(g.bytesByType().get(GgmlType.MXFP4)).isEqualTo(2880L * 64 * 4 / 32 * 17);
    }

    @Test
    void ggufPerLayerArrayOfTheWrongLengthIsRejected() {
        GgufWriter w = GgufWriter.tinyLlama().ints("llama.attention.head_count_kv", List.of(2L, 2L, 2L));
        assertThatThrownBy(() -> GgufArchitecture.of(GgufReader.read(ByteSource.of("bad.gguf", w.bytes()))))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("3 values for 2 layers");
    }
}
