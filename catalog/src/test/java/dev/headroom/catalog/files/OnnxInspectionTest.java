package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog import} of ONNX files and folders goes through {@link ModelFileInspector}. */
class OnnxInspectionTest {
    // sentence-transformers/all-MiniLM-L6-v2 config.json (the fields the reader uses).
    static final String MINILM_CONFIG = """
            {"model_type": "bert", "architectures": ["BertModel"], "num_hidden_layers": 6, "hidden_size": 384,
             "num_attention_heads": 12, "intermediate_size": 1536, "vocab_size": 30522, "max_position_embeddings": 512,
             "type_vocab_size": 2, "hidden_act": "gelu"}
            """;

    @TempDir
    Path dir;

    @Test
    void anOnnxFileImportsWithExactCounts() throws IOException {
        Path f = dir.resolve("cnn.onnx");
        Files.write(f, OnnxReaderTest.smallCnn(new OnnxWriter()).model());
        ModelFiles m = ModelFileInspector.inspect(f);
        assertThat(m.format()).isEqualTo("onnx");
        assertThat(m.parameters()).isEqualTo(314);
        assertThat(m.tensorBytes()).isEqualTo(1256);
        assertThat(m.tensorCount()).isEqualTo(4);
        assertThat(m.notes()).anySatisfy(n -> assertThat(n).contains("ONNX IR v8").contains("5 nodes"))
                .anySatisfy(n -> assertThat(n).contains("no config.json"));
    }

    @Test
    void aFolderWithModelOnnxAndConfigJsonGetsTheArchitecture() throws IOException {
        Files.write(dir.resolve("model.onnx"), OnnxReaderTest.smallCnn(new OnnxWriter()).model());
        Files.writeString(dir.resolve("config.json"), MINILM_CONFIG);
        ModelFiles m = ModelFileInspector.inspect(dir);
        assertThat(m.format()).isEqualTo("onnx");
        assertThat(m.hasArchitecture()).isTrue();
        assertThat(m.architecture().layers()).isEqualTo(6);
        assertThat(m.architecture().hiddenSize()).isEqualTo(384);
    }

    @Test
    void optimumsOnnxSubfolderAndExternalDataAreFound() throws IOException {
        Path onnx = Files.createDirectories(dir.resolve("onnx"));
        OnnxWriter w = OnnxReaderTest.smallCnn(new OnnxWriter().externalData("model.onnx_data"));
        Files.write(onnx.resolve("model.onnx"), w.model());
        Files.write(onnx.resolve("model.onnx_data"), w.externalBytes());
        ModelFiles m = ModelFileInspector.inspect(dir);
        assertThat(m.files()).hasSize(2);
        assertThat(m.fileBytes()).isEqualTo(Files.size(onnx.resolve("model.onnx")) + 1256);
    }

    @Test
    void twoOnnxFilesWithoutModelOnnxAskForOne() throws IOException {
        Files.write(dir.resolve("encoder.onnx"), OnnxReaderTest.smallCnn(new OnnxWriter()).model());
        Files.write(dir.resolve("decoder.onnx"), OnnxReaderTest.smallCnn(new OnnxWriter()).model());
        assertThatThrownBy(() -> ModelFileInspector.inspect(dir)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("holds 2 .onnx files and no model.onnx; name one");
    }
}
