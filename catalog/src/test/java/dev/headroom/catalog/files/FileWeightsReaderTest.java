package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.model.FileWeights;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact weights a model file hands the engine: per block, outside the blocks, per token. Byte counts follow
 * from ggml-common.h (Q8_0: 34 bytes per 32 weights; F16 2 bytes) and the safetensors dtypes (BF16 2 bytes).
 */
class FileWeightsReaderTest {
    @TempDir
    Path dir;

    /** One MoE block: attn_q Q8_0 256x256, 8 routed experts ffn_up_exps Q8_0 256x512x8 (2 per token), F16 head and table of 4 rows. */
    private GgufWriter moe(boolean fileType) {
        GgufWriter w = new GgufWriter().string("general.architecture", "llama")
                .u32("llama.block_count", 1).u32("llama.context_length", 4096).u32("llama.embedding_length", 256)
                .u32("llama.feed_forward_length", 512).u32("llama.attention.head_count", 4).u32("llama.attention.head_count_kv", 2)
                .u32("llama.expert_count", 8).u32("llama.expert_used_count", 2)
                .strings("tokenizer.ggml.tokens", List.of("a", "b", "c", "d"))
                .tensor("token_embd.weight", GgmlType.F16, 256, 4)
                .tensor("blk.0.attn_q.weight", GgmlType.Q8_0, 256, 256)
                .tensor("blk.0.ffn_up_exps.weight", GgmlType.Q8_0, 256, 512, 8)
                .tensor("output.weight", GgmlType.F16, 256, 4);
        return fileType ? w.u32("general.file_type", 7) : w; // LLAMA_FTYPE_MOSTLY_Q8_0 = 7 (llama.cpp include/llama.h)
    }

    @Test
    void routedExpertsCountByExpertsPerTokenAndTheTableByOneRow() throws Exception {
        Path f = Files.write(dir.resolve("moe.gguf"), moe(true).bytes());
        ModelFiles files = ModelFileInspector.inspect(f);
        assertThat(files.precision()).isEqualTo(Precision.Q8_0);
        FileWeights w = files.architecture().fileWeights();
        long embd = 256 * 4 * 2;
        long q = 65_536 / 32 * 34;
        long exps = 256L * 512 * 8 / 32 * 34;
        assertThat(w.totalBytes()).isEqualTo(files.tensorBytes()).isEqualTo(embd + q + exps + embd);
        assertThat(w.layerBytes()).containsExactly(q + exps);
        assertThat(w.outsideBytes()).isEqualTo(2 * embd);
        assertThat(w.tokenEmbeddingBytes()).isEqualTo(embd);
        assertThat(w.bytesReadPerToken()).isEqualTo(q + exps * 2 / 8 + embd + embd / 4);
        assertThat(w.bytesByType()).containsEntry(GgmlType.Q8_0, q + exps).containsEntry(GgmlType.F16, 2 * embd);
    }

    @Test
    void withoutAFileTypeTheDominantTensorTypeNamesThePrecision() throws Exception {
        Path f = Files.write(dir.resolve("moe.gguf"), moe(false).bytes());
        ModelFiles files = ModelFileInspector.inspect(f);
        assertThat(files.precision()).isEqualTo(Precision.Q8_0);
        assertThat(files.notes()).anySatisfy(n -> assertThat(n).contains("dominant tensor type Q8_0"));
        assertThat(FileWeightsReader.ggufFileType(15)).isEqualTo(Precision.Q4_K_M);
        assertThat(FileWeightsReader.ggufFileType(38)).isEqualTo(Precision.MXFP4_MOE);
        assertThat(FileWeightsReader.ggufFileType(29)).isNull(); // IQ2_M: no headroom precision
    }

    @Test
    void aSafetensorsFolderIsSizedPerLayerFromItsTensorNames() throws Exception {
        Files.writeString(dir.resolve("config.json"), """
                {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 32,
                 "max_position_embeddings": 2048, "torch_dtype": "bfloat16", "tie_word_embeddings": false}
                """);
        Files.write(dir.resolve("model.safetensors"), safetensors(List.of(
                new Object[] {"model.embed_tokens.weight", 32, 64},
                new Object[] {"model.layers.0.self_attn.q_proj.weight", 64, 64},
                new Object[] {"model.layers.0.mlp.down_proj.weight", 64, 128},
                new Object[] {"model.layers.1.self_attn.q_proj.weight", 64, 64},
                new Object[] {"model.norm.weight", 64},
                new Object[] {"lm_head.weight", 32, 64})));
        ModelFiles files = ModelFileInspector.inspect(dir);
        assertThat(files.precision()).isEqualTo(Precision.BF16);
        FileWeights w = files.architecture().fileWeights();
        assertThat(w.layerBytes()).containsExactly(2L * (64 * 64 + 64 * 128), 2L * 64 * 64);
        assertThat(w.tokenEmbeddingBytes()).isEqualTo(2L * 32 * 64);
        assertThat(w.outsideBytes()).isEqualTo(2L * (32 * 64 + 64 + 32 * 64));
        assertThat(w.totalBytes()).isEqualTo(files.tensorBytes());
        // One of the 32 embedding rows per token, everything else whole.
        assertThat(w.bytesReadPerToken()).isEqualTo(w.totalBytes() - 2L * 32 * 64 + 2L * 64);
    }

    /** A safetensors file of BF16 tensors: 8-byte little-endian header length, JSON header, data (safetensors README). */
    private static byte[] safetensors(List<Object[]> tensors) {
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        for (Object[] t : tensors) {
            long n = 1;
            StringBuilder shape = new StringBuilder();
            for (int i = 1; i < t.length; i++) {
                n *= (Integer) t[i];
                shape.append(i > 1 ? "," : "").append(t[i]);
            }
            json.append(json.length() > 1 ? "," : "").append('"').append(t[0]).append("\":{\"dtype\":\"BF16\",\"shape\":[")
                    .append(shape).append("],\"data_offsets\":[").append(offset).append(',').append(offset + 2 * n).append("]}");
            offset += 2 * n;
        }
        byte[] header = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < 8; i++) {
            o.write((int) ((long) header.length >>> (8 * i)) & 0xff);
        }
        o.writeBytes(header);
        o.writeBytes(new byte[(int) offset]);
        return o.toByteArray();
    }
}
