package dev.headroom.bench.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.catalog.files.OnnxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real networks through ONNX Runtime (no timing asserted: only that they ran and what was measured is coherent). */
class OnnxModelBenchmarkTest {
    @TempDir
    Path dir;

    Path cnn() throws IOException {
        Map<String, long[]> k3 = Map.of("kernel_shape", new long[] {3, 3}, "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {1, 1});
        byte[] model = new OnnxWriter().weight("c1", 8, 3, 3, 3).weight("c1b", 8).weight("fc", 10, 8).weight("fcb", 10)
                .input("image", -1, 3, 32, 32)
                .node("Conv", List.of("image", "c1", "c1b"), List.of("a"), k3).node("Relu", List.of("a"), List.of("r"), Map.of())
                .node("GlobalAveragePool", List.of("r"), List.of("g"), Map.of()).node("Flatten", List.of("g"), List.of("f"), Map.of())
                .node("Gemm", List.of("f", "fc", "fcb"), List.of("logits"), Map.of("transB", new long[] {1}))
                .output("logits", -1, 10).model();
        return Files.write(dir.resolve("cnn.onnx"), model);
    }

    @Test
    void runsARealCnnAtEachBatchSize() throws IOException {
        List<ModelRun> runs = OnnxModelBenchmark.run(cnn(), List.of(1, 4), Map.of(), OnnxModelBenchmark.Settings.quick(1));
        assertThat(runs).extracting(ModelRun::batch).containsExactly(1, 4);
        for (ModelRun r : runs) {
            assertThat(r.runs()).isGreaterThanOrEqualTo(3);
            assertThat(r.p50Seconds()).isPositive().isLessThanOrEqualTo(r.p95Seconds());
            assertThat(r.itemsPerSecond()).isEqualTo(r.batch() / r.p50Seconds());
            assertThat(r.inputShapes().get("image")).containsExactly((long) r.batch(), 3L, 32L, 32L);
        }
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertThat(runs.get(1).peakRssBytes()).isPositive();
        }
    }

    @Test
    void aGivenShapeKeepsItsSpatialDimsAndTakesTheBatch() throws IOException {
        Path model = Files.write(dir.resolve("mlp.onnx"), new OnnxWriter().weight("w", 64, 16).input("x", -1, 64)
                .node("MatMul", List.of("x", "w"), List.of("y"), Map.of()).output("y", -1, 16).model());
        ModelRun r = OnnxModelBenchmark.run(model, List.of(3), Map.of("", new long[] {1, 64}), OnnxModelBenchmark.Settings.quick(1)).get(0);
        assertThat(r.inputShapes().get("x")).containsExactly(3L, 64L);
        assertThatThrownBy(() -> OnnxModelBenchmark.run(model, List.of(1), Map.of("x", new long[] {1, 64, 2}),
                OnnxModelBenchmark.Settings.quick(1))).hasMessageContaining("'x' has 2 dims");
    }

    @Test
    void aFileOnnxRuntimeCannotLoadIsOneLine() throws IOException {
        Path bad = Files.write(dir.resolve("bad.onnx"), "not a model".getBytes());
        assertThatThrownBy(() -> OnnxModelBenchmark.run(bad, List.of(1), Map.of(), OnnxModelBenchmark.Settings.quick(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ONNX Runtime").hasMessageNotContaining("\n");
    }

    @Test
    void percentilesAreNearestRank() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(OnnxModelBenchmark.percentile(v, 0.5)).isEqualTo(5);
        assertThat(OnnxModelBenchmark.percentile(v, 0.95)).isEqualTo(10);
    }
}
