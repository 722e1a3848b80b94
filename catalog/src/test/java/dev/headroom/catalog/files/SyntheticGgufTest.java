package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.quant.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyntheticGgufTest {
    @TempDir
    Path dir;

    private static final SyntheticGguf SHAPE = new SyntheticGguf("synthetic", 2, 256, 4, 2, 512, 64, GgmlType.Q4_0);

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void roundTripsThroughTheReaderWithExactTensorSizes(GgmlType format) throws Exception {
        SyntheticGguf s = SHAPE.withFormat(format);
        Path f = dir.resolve("m.gguf");
        s.write(f, 7);
        GgufFile g = GgufReader.read(f);
        assertThat(g.version()).isEqualTo(3);
        assertThat(g.architectureName()).isEqualTo("llama");
        assertThat(g.integer("llama.block_count")).isEqualTo(2);
        assertThat(g.integer("llama.embedding_length")).isEqualTo(256);
        assertThat(g.integer("llama.attention.head_count_kv")).isEqualTo(2);
        assertThat(g.integer("llama.feed_forward_length")).isEqualTo(512);
        assertThat(g.string("tokenizer.ggml.model")).isEqualTo("llama");
        List<SyntheticGguf.Tensor> expected = s.tensors();
        assertThat(g.tensors()).hasSize(1 + 9 * 2 + 2);
        for (int i = 0; i < expected.size(); i++) {
            GgufTensor t = g.tensors().get(i);
            assertThat(t.name()).isEqualTo(expected.get(i).name());
            assertThat(t.type()).isEqualTo(expected.get(i).type());
            assertThat(t.bytes()).isEqualTo(expected.get(i).bytes());
        }
        // Q4_0 block: 18 bytes per 32 weights; Q8_0: 34; F16: 2 per weight; Q4_K 144 and Q6_K 210 per 256
        // (ggml-common.h block_q4_0 / block_q8_0 / block_q4_K / block_q6_K).
        long perMatrixWeights = 256L * 256;
        long q = g.tensors().stream().filter(t -> t.name().equals("blk.0.attn_q.weight")).findFirst().orElseThrow().bytes();
        assertThat(q).isEqualTo(switch (format) {
            case F16 -> perMatrixWeights * 2;
            case Q8_0 -> perMatrixWeights / 32 * 34;
            case Q4_K -> perMatrixWeights / 256 * 144;
            case Q6_K -> perMatrixWeights / 256 * 210;
            default -> perMatrixWeights / 32 * 18;
        });
        assertThat(g.tensorBytes()).isEqualTo(s.tensorBytes());
        GgufTensor last = g.tensors().get(g.tensors().size() - 1);
        assertThat(Files.size(f)).isEqualTo(g.dataOffset() + last.offset() + last.bytes());
    }

    @Test
    void quantizedBlocksCarryTheFiniteScaleAndRandomPayload() throws Exception {
        Path f = dir.resolve("q8.gguf");
        SHAPE.withFormat(GgmlType.Q8_0).write(f, 1);
        GgufFile g = GgufReader.read(f);
        GgufTensor q = g.tensors().stream().filter(t -> t.name().equals("blk.0.attn_q.weight")).findFirst().orElseThrow();
        byte[] all = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(all, (int) (g.dataOffset() + q.offset()), 68).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort() & 0xffff).isEqualTo(SyntheticGguf.SCALE);
        byte[] payload = new byte[32];
        b.get(payload);
        assertThat(b.getShort() & 0xffff).isEqualTo(SyntheticGguf.SCALE);
        assertThat(payload).isNotEqualTo(new byte[32]);
        GgufTensor norm = g.tensors().stream().filter(t -> t.name().equals("blk.0.attn_norm.weight")).findFirst().orElseThrow();
        assertThat(ByteBuffer.wrap(all, (int) (g.dataOffset() + norm.offset()), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat()).isEqualTo(1f);
    }

    @Test
    void decodeBytesLeaveOutTheEmbeddingTable() {
        SyntheticGguf s = SHAPE.withFormat(GgmlType.F16);
        assertThat(s.tensorBytes() - s.decodeBytes()).isEqualTo(256L * 64 * 2);
    }

    @Test
    void rejectsFormatsAndShapesLlamaCppWouldNotLoad() {
        assertThatThrownBy(() -> SHAPE.withFormat(GgmlType.Q2_K)).hasMessageStartingWith("format:");
        // K-quant super-blocks are 256 weights along a row: hidden 288 is 9 Q4_0 blocks but not whole Q4_K blocks.
        assertThatThrownBy(() -> new SyntheticGguf("x", 2, 288, 4, 2, 512, 64, GgmlType.Q4_K)).hasMessageContaining("multiples of 256");
        assertThatThrownBy(() -> new SyntheticGguf("x", 2, 250, 5, 5, 512, 64, GgmlType.F16)).hasMessageStartingWith("shape:");
    }

    @Test
    void kQuantFilesHaveTheirBlockSizes() {
        // block_q4_K: 2 halves + 12 scale bytes + 128 nibble bytes = 144 per 256 weights; block_q6_K: 128 + 64 + 16 + 2 = 210.
        for (GgmlType f : new GgmlType[] {GgmlType.Q4_K, GgmlType.Q6_K}) {
            SyntheticGguf s = SHAPE.withFormat(f);
            long weights = s.tensors().stream().filter(t -> t.dims().length == 2).mapToLong(t -> t.dims()[0] * t.dims()[1]).sum();
            long vectors = s.tensors().stream().filter(t -> t.dims().length == 1).mapToLong(t -> t.dims()[0] * 4).sum();
            assertThat(s.tensorBytes()).isEqualTo(weights / 256 * (f == GgmlType.Q4_K ? 144 : 210) + vectors);
        }
    }

    @Test
    void randomHalvesAreFiniteAndSmall() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            int h = SyntheticGguf.randomHalf(r);
            int exp = (h >>> 10) & 0x1f;
            assertThat(exp).isBetween(3, 7);
        }
    }
}
