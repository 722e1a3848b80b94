package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxFlopsTest {
    static final Map<String, long[]> K3 = Map.of("kernel_shape", new long[] {3, 3}, "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {1, 1});
    static final Map<String, long[]> POOL2 = Map.of("kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2});

    /** conv 3->16, ReLU, 2x2 max pool, conv 16->32, ReLU, global pool, flatten, dense 32->10 on 32x32 images. */
    static OnnxModel cnn() {
        byte[] b = new OnnxWriter().weight("c1", 16, 3, 3, 3).weight("c2", 32, 16, 3, 3).weight("fc", 10, 32).weight("fcb", 10)
                .input("x", -1, 3, 32, 32)
                .node("Conv", List.of("x", "c1"), List.of("a"), K3).node("Relu", List.of("a"), List.of("b"), Map.of())
                .node("MaxPool", List.of("b"), List.of("c"), POOL2)
                .node("Conv", List.of("c", "c2"), List.of("d"), K3).node("Relu", List.of("d"), List.of("e"), Map.of())
                .node("GlobalAveragePool", List.of("e"), List.of("f"), Map.of()).node("Flatten", List.of("f"), List.of("g"), Map.of())
                .node("Gemm", List.of("g", "fc", "fcb"), List.of("y"), Map.of("transB", new long[] {1})).output("y", -1, 10).model();
        return OnnxReader.read(ByteSource.of("cnn.onnx", b), null);
    }

    @Test
    void countsEveryNodeOfACnnByHand() {
        OnnxFlops.Result r = OnnxFlops.count(cnn(), Map.of("x", new long[] {1, 3, 32, 32}));
        // conv1 2*16*32*32*27 = 884,736; relu 16,384; pool 16*16*16 outputs x 4 = 16,384;
        // conv2 2*32*16*16*144 = 2,359,296; relu 8,192; global pool 8,192; flatten 0; gemm 2*32*10 + 10 = 650.
        assertThat(r.flops()).isEqualTo(884_736 + 16_384 + 16_384 + 2_359_296 + 8_192 + 8_192 + 650);
        assertThat(r.complete()).isTrue();
        assertThat(r.largestActivationBytes()).isEqualTo(16L * 32 * 32 * 4);
    }

    @Test
    void workScalesWithTheBatch() {
        double one = OnnxFlops.count(cnn(), Map.of("x", new long[] {1, 3, 32, 32})).flops();
        double eight = OnnxFlops.count(cnn(), Map.of("x", new long[] {8, 3, 32, 32})).flops();
        assertThat(eight).isEqualTo(8 * one);
    }

    @Test
    void anOperatorItCannotInferStopsTheCountAndSaysWhere() {
        byte[] b = new OnnxWriter().weight("w", 4, 4).input("x", 1, 4)
                .node("MatMul", List.of("x", "w"), List.of("a"), Map.of())
                .node("TopK", List.of("a"), List.of("t"), Map.of()).model();
        OnnxFlops.Result r = OnnxFlops.count(OnnxReader.read(ByteSource.of("m.onnx", b), null), Map.of("x", new long[] {1, 4}));
        assertThat(r.complete()).isFalse();
        assertThat(r.countedNodes()).isEqualTo(1);
        assertThat(r.flops()).isEqualTo(2 * 4 * 4);
        assertThat(r.stoppedAt()).isEqualTo("TopK (t)");
    }

    @Test
    void shapesParseOrFailNamingTheOption() {
        assertThat(OnnxFlops.parseShape("1x3x224x224")).containsExactly(1, 3, 224, 224);
        assertThatThrownBy(() -> OnnxFlops.parseShape("1x-3")).hasMessageContaining("--input");
    }
}
