package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufReaderTest {
    static GgufWriter tinyLlama() {
        return GgufWriter.tinyLlama();
    }

    @Test
    void readsExactBytesPerTensorFromAGeneratedFile(@TempDir Path dir) throws Exception {
        GgufWriter w = tinyLlama();
        Path file = dir.resolve("tiny.gguf");
        Files.write(file, w.bytes());

        GgufFile g = GgufReader.read(file);

        assertThat(g.version()).isEqualTo(3);
        assertThat(g.tensors()).hasSize(6);
        // Q4_K: 144 bytes per 256 weights (ggml-common.h block_q4_K); 256x4 = 4 blocks = 576 bytes.
        assertThat(g.tensors().get(0).bytes()).isEqualTo(576);
        // Q8_0: 34 bytes per 32 weights; 256x128 = 1024 blocks = 34,816 bytes.
        assertThat(g.tensors().get(2).bytes()).isEqualTo(34_816);
        // Q6_K: 210 bytes per 256 weights; 512x256 = 512 blocks = 107,520 bytes.
        assertThat(g.tensors().get(3).bytes()).isEqualTo(107_520);
        assertThat(g.tensorBytes()).isEqualTo(w.expectedTensorBytes())
                .isEqualTo(576 + 36_864 + 34_816 + 107_520 + 1_024 + 2_048);
        assertThat(g.bytesByType()).containsEntry(GgmlType.Q4_K, 576L + 36_864L).containsEntry(GgmlType.F16, 2_048L);
        assertThat(g.dataOffset() % 32).isZero();
        assertThat(g.metadata().get("llama.rope.freq_base")).isEqualTo(10000.0);
        assertThat(((GgufArray) g.metadata().get("tokenizer.ggml.tokens")).head()).containsExactly("<s>", "</s>", "a", "\u00e9t\u00e9");
        assertThat(g.string("general.name")).isEqualTo("tiny llama");
    }

    @Test
    void mapsArchitectureKeysToTheEngineShape() {
        GgufFile g = GgufReader.read(ByteSource.of("tiny.gguf", tinyLlama().u32("llama.attention.key_length", 128).bytes()));

        ModelArchitecture a = GgufArchitecture.of(g);

        assertThat(a.layers()).isEqualTo(2);
        assertThat(a.hiddenSize()).isEqualTo(256);
        assertThat(a.attentionHeads()).isEqualTo(4);
        assertThat(a.kvHeads()).isEqualTo(2);
        assertThat(a.headDim()).isEqualTo(128);
        assertThat(a.intermediateSize()).isEqualTo(512);
        assertThat(a.vocabSize()).isEqualTo(4);
        assertThat(a.maxContext()).isEqualTo(4096);
        assertThat(a.tiedEmbeddings()).isFalse();
    }

    @Test
    void honoursACustomAlignment() {
        GgufWriter w = tinyLlama().alignment(64);
        GgufFile g = GgufReader.read(ByteSource.of("a.gguf", w.bytes()));
        assertThat(g.alignment()).isEqualTo(64);
        assertThat(g.dataOffset() % 64).isZero();
        assertThat(g.tensorBytes()).isEqualTo(w.expectedTensorBytes());
    }

    @Test
    void readsVersion2() {
        assertThat(GgufReader.read(ByteSource.of("v2.gguf", tinyLlama().version(2).bytes())).version()).isEqualTo(2);
    }

    @Test
    void rejectsWrongMagicUnsupportedVersionAndTruncation() {
        byte[] ok = tinyLlama().bytes();
        byte[] magic = ok.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("m.gguf", magic)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("magic");
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("v1.gguf", tinyLlama().version(1).bytes())))
                .isInstanceOf(ModelFileException.class).hasMessage("v1.gguf: GGUF version 1 is not supported (2 and 3 are)");
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 10);
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("cut.gguf", cut)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsCountsAndLengthsBeyondTheCapsBeforeAllocating() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        GgufWriter.u32(b, GgufReader.MAGIC);
        GgufWriter.u32(b, 3);
        GgufWriter.u64(b, 3_000_000_000L);
        GgufWriter.u64(b, 0);
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("many.gguf", b.toByteArray())))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("tensor count 3000000000");

        ByteArrayOutputStream s = new ByteArrayOutputStream();
        GgufWriter.u32(s, GgufReader.MAGIC);
        GgufWriter.u32(s, 3);
        GgufWriter.u64(s, 0);
        GgufWriter.u64(s, 1);
        GgufWriter.u64(s, 1L << 50); // a key "length" of a petabyte
        s.writeBytes(new byte[64]);
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("huge.gguf", s.toByteArray())))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("exceeds the limit");
    }

    @Test
    void rejectsInvalidUtf8InKeys() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        GgufWriter.u32(s, GgufReader.MAGIC);
        GgufWriter.u32(s, 3);
        GgufWriter.u64(s, 0);
        GgufWriter.u64(s, 1);
        GgufWriter.u64(s, 2);
        s.write(0xC3);
        s.write(0x28);
        GgufWriter.u32(s, GgufValueType.UINT8.id());
        s.write(1);
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("utf.gguf", s.toByteArray())))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void rejectsARowLengthThatIsNotAWholeNumberOfBlocks() {
        byte[] bad = new GgufWriter().string("general.architecture", "llama").tensor("t", GgmlType.F32, 100).bytes();
        // rewrite the type id of "t" from F32 (0) to Q4_K (12): 100 is not a multiple of 256
        byte[] patched = bad.clone();
        int pos = indexOf(patched, "t".getBytes()) + 1 + 4 + 8;
        patched[pos] = 12;
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("rows.gguf", patched)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("not a multiple of the Q4_K block size 256");
    }

    @Test
    void readsTheTensorsOfEverySplitPartTogether(@TempDir Path dir) throws Exception {
        // llama.cpp gguf-split: metadata in the first part, tensors spread over all parts
        GgufWriter first = tinyLlama();
        GgufWriter second = new GgufWriter().u32("split.no", 1).tensor("blk.1.attn_q.weight", GgmlType.Q4_K, 256, 256);
        Files.write(dir.resolve("tiny-00001-of-00002.gguf"), first.bytes());
        Files.write(dir.resolve("tiny-00002-of-00002.gguf"), second.bytes());

        ModelFiles m = ModelFileInspector.inspect(dir.resolve("tiny-00001-of-00002.gguf"));

        assertThat(m.files()).hasSize(2);
        assertThat(m.tensorBytes()).isEqualTo(first.expectedTensorBytes() + second.expectedTensorBytes());
        assertThat(m.tensorCount()).isEqualTo(7);
        assertThat(m.architecture().layers()).isEqualTo(2);
        assertThat(ModelFileInspector.isLaterSplit(dir.resolve("tiny-00002-of-00002.gguf"))).isTrue();
        Files.delete(dir.resolve("tiny-00002-of-00002.gguf"));
        assertThatThrownBy(() -> ModelFileInspector.inspect(dir.resolve("tiny-00001-of-00002.gguf")))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("split part tiny-00002-of-00002.gguf is missing");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i >= 8 && hay[i - 8] == needle.length) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }
}
