package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {
    @Test
    void readsExactBytesPerTensorAndMetadata(@TempDir Path dir) throws Exception {
        SafetensorsWriter w = new SafetensorsWriter()
                .metadata(Map.of("format", "pt"))
                .tensor("model.embed_tokens.weight", SafetensorsDtype.BF16, 1000, 64)
                .tensor("model.layers.0.self_attn.q_proj.weight", SafetensorsDtype.F32, 64, 64)
                .tensor("model.norm.weight", SafetensorsDtype.F16, 64)
                .tensor("scalar", SafetensorsDtype.F64);
        Path file = dir.resolve("model.safetensors");
        Files.write(file, w.bytes());

        SafetensorsHeader h = SafetensorsReader.read(file);

        assertThat(h.tensors()).hasSize(4);
        assertThat(h.metadata()).containsEntry("format", "pt");
        // BF16: 2 bytes x 64,000; F32: 4 x 4,096; F16: 2 x 64; F64 scalar: 8.
        assertThat(h.tensorBytes()).isEqualTo(128_000 + 16_384 + 128 + 8).isEqualTo(w.dataBytes());
        assertThat(h.tensors().get(3).shape()).isEmpty();
        assertThat(h.tensors().get(3).elements()).isEqualTo(1);
    }

    @Test
    void countsPackedInt4WeightsAndFp8ScalesSeparately() {
        SafetensorsWriter w = new SafetensorsWriter()
                // GPTQ 4-bit: qweight [in/8, out] as I32 holds 8 weights per int
                .tensor("model.layers.0.mlp.up_proj.qweight", SafetensorsDtype.I32, 512 / 8, 1024)
                .tensor("model.layers.0.mlp.up_proj.qzeros", SafetensorsDtype.I32, 4, 1024 / 8)
                .tensor("model.layers.0.mlp.up_proj.scales", SafetensorsDtype.F16, 4, 1024)
                .tensor("model.layers.1.mlp.up_proj.weight", SafetensorsDtype.F8_E4M3, 1024, 512)
                .tensor("model.layers.1.mlp.up_proj.weight_scale", SafetensorsDtype.F32, 1);
        SafetensorsHeader h = SafetensorsReader.read(ByteSource.of("q.safetensors", w.bytes()));

        SafetensorsModel m = new SafetensorsModel(java.util.List.of(h), -1, 4);

        // qweight 64x1024 I32 = 262,144 B; qzeros 4x128 I32 = 2,048 B; scales 4x1024 F16 = 8,192 B;
        // FP8 1024x512 = 524,288 B; scale F32 = 4 B.
        assertThat(m.tensorBytes()).isEqualTo(262_144 + 2_048 + 8_192 + 524_288 + 4);
        assertThat(m.quantizationMetadataBytes()).isEqualTo(2_048 + 8_192 + 4);
        assertThat(m.weightParameters()).isEqualTo(512L * 1024 + 1024L * 512);
        assertThat(m.bytesByDtype()).containsEntry("F8_E4M3", 524_288L).containsEntry("I32", 264_192L);
    }

    @Test
    void packsSubByteFloatsAsTheFormatDoes() {
        assertThat(SafetensorsDtype.F4.bytesFor(7)).isEqualTo(4);
        assertThat(SafetensorsDtype.F6_E2M3.bytesFor(4)).isEqualTo(3);
    }

    @Test
    void rejectsHeaderLengthsBeyondTheCapAndTheFile() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        GgufWriter.u64(b, 1L << 52); // 4 PiB header claim
        b.writeBytes("{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of("big.safetensors", b.toByteArray())))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("header length 4503599627370496 is not within");
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        GgufWriter.u64(c, 1000);
        c.writeBytes("{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of("cut.safetensors", c.toByteArray())))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsOffsetsThatDisagreeWithDtypeAndShape() {
        byte[] json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of("off.safetensors", file(json, 16))))
                .isInstanceOf(ModelFileException.class).hasMessage("off.safetensors: tensor 'w': F32 [2, 2] needs 16 bytes but data_offsets span 12");
    }

    @Test
    void rejectsDeeplyNestedJsonAndInvalidUtf8() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of("deep.safetensors", file(deep.getBytes(StandardCharsets.UTF_8), 0))))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("not valid JSON");
        byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of("utf.safetensors", file(bad, 0))))
                .isInstanceOf(ModelFileException.class).hasMessage("utf.safetensors: header is not valid UTF-8");
    }

    @Test
    void readsAShardedModelThroughItsIndexAndConfig(@TempDir Path dir) throws Exception {
        SafetensorsWriter a = new SafetensorsWriter().tensor("model.embed_tokens.weight", SafetensorsDtype.BF16, 128, 64);
        SafetensorsWriter b = new SafetensorsWriter().tensor("lm_head.weight", SafetensorsDtype.BF16, 128, 64);
        Files.write(dir.resolve("model-00001-of-00002.safetensors"), a.bytes());
        Files.write(dir.resolve("model-00002-of-00002.safetensors"), b.bytes());
        Files.writeString(dir.resolve(ModelFileInspector.INDEX), "{\"metadata\":{\"total_size\":32768},\"weight_map\":{"
                + "\"model.embed_tokens.weight\":\"model-00001-of-00002.safetensors\",\"lm_head.weight\":\"model-00002-of-00002.safetensors\"}}");
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"llama\",\"num_hidden_layers\":1,\"hidden_size\":64,"
                + "\"num_attention_heads\":4,\"num_key_value_heads\":2,\"intermediate_size\":128,\"vocab_size\":128,\"max_position_embeddings\":256}");

        ModelFiles m = ModelFileInspector.inspect(dir);

        assertThat(m.format()).isEqualTo("safetensors");
        assertThat(m.files()).hasSize(2);
        assertThat(m.tensorBytes()).isEqualTo(2 * 128 * 64 * 2);
        assertThat(m.notes()).noneMatch(n -> n.contains("differs"));
        assertThat(m.architecture().kvHeads()).isEqualTo(2);
        assertThat(m.parameters()).isEqualTo(2 * 128 * 64);
    }

    @Test
    void rejectsAnIndexThatPointsOutsideTheModelDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ModelFileInspector.INDEX), "{\"weight_map\":{\"w\":\"../../etc/passwd\"}}");
        assertThatThrownBy(() -> ModelFileInspector.inspect(dir))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("is not a file in");
    }

    static byte[] file(byte[] json, int dataBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GgufWriter.u64(out, json.length);
        out.writeBytes(json);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }
}
