package dev.headroom.bench.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.quant.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelsTest {
    @Test
    void vectorKernelsAreUsedWhenTheModuleIsLoaded() {
        // Surefire runs with --add-modules jdk.incubator.vector (bench/pom.xml).
        assertThat(Kernels.best().name()).startsWith("vector-");
    }

    @ParameterizedTest
    @EnumSource(WeightFormat.class)
    void vectorAndScalarKernelsAgreeOnEveryFormat(WeightFormat format) {
        QuantizedMatrix m = QuantizedMatrix.random(format, 8, 512, 11);
        float[] x = new float[512];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i * 0.37);
        }
        Kernels vector = Kernels.best();
        Kernels scalar = new ScalarKernels();
        for (int r = 0; r < 8; r++) {
            float s = scalar.dot(m, r, x);
            assertThat(vector.dot(m, r, x)).isCloseTo(s, within(Math.abs(s) * 1e-3f + 1e-4f));
        }
    }

    @Test
    void q4RowDecodesNibblesAsGgmlDoes() {
        // One Q4_0 block: weight j is the low nibble of byte j, weight j+16 the high nibble, value (q - 8) x d.
        QuantizedMatrix m = QuantizedMatrix.random(WeightFormat.Q4_0, 1, 32, 1);
        for (int i = 0; i < 16; i++) {
            m.quants[i] = (byte) ((9) | (6 << 4)); // low = +1, high = -2
        }
        m.scales[0] = Half.fromFloat(0.5f);
        float[] ones = new float[32];
        java.util.Arrays.fill(ones, 1f);
        float expected = 16 * (1 * 0.5f) + 16 * (-2 * 0.5f);
        assertThat(new ScalarKernels().dot(m, 0, ones)).isEqualTo(expected);
        assertThat(Kernels.best().dot(m, 0, ones)).isEqualTo(expected);
    }

    @Test
    void formatsStoreTheBytesOfTheirGgmlLayout() {
        // ggml.c type traits: Q4_0 18 bytes / 32, Q8_0 34 / 32, F16 2 / 1.
        assertThat(WeightFormat.Q4_0.rowBytes(4096)).isEqualTo(GgmlType.Q4_0.bytesFor(4096, 4096));
        assertThat(WeightFormat.Q8_0.rowBytes(4096)).isEqualTo(GgmlType.Q8_0.bytesFor(4096, 4096));
        assertThat(WeightFormat.F16.rowBytes(4096)).isEqualTo(8192);
        assertThat(WeightFormat.K4.rowBytes(256)).isEqualTo(148);
    }

    @Test
    void halfConversionRoundTripsExactValuesAndSpecials() {
        for (float f : new float[] {0f, -0f, 1f, -2.5f, 65504f, 0x1p-14f, 0x1p-24f, 0.0999755859375f}) {
            assertThat(Half.toFloat(Half.fromFloat(f))).isEqualTo(f);
        }
        assertThat(Half.toFloat(Half.fromFloat(1e6f))).isInfinite();
        assertThat(Half.toFloat(Half.fromFloat(Float.NaN))).isNaN();
        assertThat(Half.toFloat((short) 0x3C00)).isEqualTo(1f); // IEEE 754 binary16 1.0
    }

    @Test
    void rowParallelCoversEveryRowOnce() {
        int[] hits = new int[1001];
        try (RowParallel p = new RowParallel(3)) {
            p.run(hits.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    hits[i]++;
                }
            });
        }
        assertThat(hits).containsOnly(1);
    }
}
