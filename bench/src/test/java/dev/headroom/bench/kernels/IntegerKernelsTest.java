package dev.headroom.bench.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The llama.cpp-style integer kernels against a dequantize-and-float-dot reference (ggml's dequantize_row_* layouts,
 * {@link QuantizedMatrix#dequantizeRow}) on random data with fixed seeds.
 *
 * <p>The bound: the kernels multiply the weights exactly (integer products of the stored quants) with the activations
 * as llama.cpp converts them, so the only difference from {@code w . x} in exact arithmetic is the activation
 * conversion plus float rounding. Q8_0: per 32 values d = max|x| / 127 rounded to F16, q = round(x / d), so
 * |x - q d16| <= d / 2 + 127 d 2^-11 (rounding to the grid, plus F16's relative error 2^-11 on d times |q| <= 127).
 * Q8_K: d = max|x| / 127 in float, |x - q d| <= d / 2 (plus float rounding of 1/iscale, 127 x 2^-24 d). F16:
 * |x - x16| <= |x| 2^-11. The error of the dot is at most sum |w_i| e_i; float accumulation adds at most
 * n 2^-24 sum |w_i x_i| (taken as 1e-4 sum |w_i x_i| for n <= 4096).
 */
class IntegerKernelsTest {
    private static float[] activations(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * (i % 7 == 0 ? 3 : 1)); // uneven magnitudes, as real activations have
        }
        return x;
    }

    /** The per-element bound on |x_i - converted x_i| (class comment). */
    private static double[] conversionError(Activations.Kind kind, float[] x) {
        double[] e = new double[x.length];
        int block = kind == Activations.Kind.Q8_0 ? 32 : kind == Activations.Kind.Q8_K ? 256 : 1;
        for (int b = 0; b < x.length / block; b++) {
            double amax = 0;
            for (int j = 0; j < block; j++) {
                amax = Math.max(amax, Math.abs(x[b * block + j]));
            }
            double d = amax / 127;
            for (int j = 0; j < block; j++) {
                int i = b * block + j;
                e[i] = switch (kind) {
                    case Q8_0 -> d / 2 + 127 * d * 0x1p-11;
                    case Q8_K -> d / 2 + 127 * d * 0x1p-23;
                    case F16 -> Math.abs(x[i]) * 0x1p-11;
                    case F32 -> 0;
                };
            }
        }
        return e;
    }

    @ParameterizedTest
    @EnumSource(value = WeightFormat.class, names = {"F32", "F16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void everyKernelEqualsTheFloatReferenceWithinTheActivationQuantizationError(WeightFormat format) {
        int rows = 24;
        int cols = 1024;
        QuantizedMatrix m = QuantizedMatrix.random(format, rows, cols, 1234);
        float[] x = activations(cols, 99);
        Activations a = Activations.of(format, x);
        double[] e = conversionError(a.kind(), x);
        float[] w = new float[cols];
        for (IntegerKernels k : new IntegerKernels[] {new IntegerScalarKernels(), IntegerKernels.best()}) {
            float[] out = new float[rows];
            k.matVec(m, a, out, 0, rows);
            for (int r = 0; r < rows; r++) {
                m.dequantizeRow(r, w);
                double exact = 0;
                double bound = 0;
                double magnitude = 0;
                for (int i = 0; i < cols; i++) {
                    exact += (double) w[i] * x[i];
                    bound += Math.abs(w[i]) * e[i];
                    magnitude += Math.abs((double) w[i] * x[i]);
                }
                bound += 1e-4 * magnitude;
                assertThat(Math.abs(out[r] - exact)).as("%s %s row %d: %f vs %f", k.name(), format, r, out[r], exact).isLessThanOrEqualTo(bound);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = WeightFormat.class, names = {"F16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void vectorKernelsEqualTheIntegerScalarOnesUpToFloatRounding(WeightFormat format) {
        // Same quantized activations, same integer products: only the order of float additions differs.
        QuantizedMatrix m = QuantizedMatrix.random(format, 16, 2048, 7);
        Activations a = Activations.of(format, activations(2048, 5));
        float[] scalar = new float[16];
        float[] vector = new float[16];
        new IntegerScalarKernels().matVec(m, a, scalar, 0, 16);
        IntegerKernels.best().matVec(m, a, vector, 3, 16);
        for (int r = 3; r < 16; r++) {
            assertThat(vector[r]).as("row %d", r).isCloseTo(scalar[r], org.assertj.core.api.Assertions.within(Math.abs(scalar[r]) * 1e-4f + 1e-6f));
        }
        assertThat(vector[0]).isZero(); // rows outside from..to untouched
    }

    @Test
    void vectorKernelsAreUsedWhenTheModuleIsLoaded() {
        assertThat(IntegerKernels.best().name()).isEqualTo("int-vector-256");
    }

    @Test
    void q8_0ActivationsFollowGgmlsReference() {
        // quantize_row_q8_0_ref: d = amax / 127, q = roundf(x / d); the largest value maps to +-127.
        float[] x = new float[32];
        x[0] = -2.54f;
        x[1] = 1.27f;
        x[2] = 0.01f;
        Activations a = Activations.of(Activations.Kind.Q8_0, x);
        assertThat(a.q[0]).isEqualTo((short) -127);
        assertThat(a.q[1]).isIn((short) 63, (short) 64);
        assertThat(a.q[2]).isEqualTo((short) 1); // 0.01 / 0.02 = 0.5: roundf rounds halves away from zero
        assertThat(a.d[0]).isEqualTo(Half.toFloat(Half.fromFloat(2.54f / 127)));
    }

    @Test
    void q8KActivationsKeepBlockSumsAndMapTheSignedMaximumToMinus127() {
        // quantize_row_q8_K_ref: iscale = -127 / max (signed), so the largest-magnitude value quantizes to -127.
        float[] x = activations(512, 3);
        Activations a = Activations.of(Activations.Kind.Q8_K, x);
        int argmax = 0;
        for (int i = 0; i < 256; i++) {
            if (Math.abs(x[i]) > Math.abs(x[argmax])) {
                argmax = i;
            }
        }
        assertThat(a.q[argmax]).isEqualTo((short) -127);
        int sum = 0;
        for (int i = 16; i < 32; i++) {
            sum += a.q[i];
        }
        assertThat(a.bsums[1]).isEqualTo(sum);
        assertThat(a.d[0] * a.q[argmax]).isCloseTo(x[argmax], org.assertj.core.api.Assertions.within(1e-5f));
    }

    @Test
    void q4KScalesUnpackAsGgmlPacksThem() {
        // get_scale_min_k4: sub-block 5's scale = (q[9] & 0xF) | (q[1] >> 6) << 4, its minimum = (q[9] >> 4) | (q[5] >> 6) << 4.
        byte[] packed = new byte[12];
        packed[1] = (byte) 0b1100_0001;
        packed[5] = (byte) 0b0100_0010;
        packed[9] = (byte) 0x5A;
        int[] scale = new int[8];
        int[] min = new int[8];
        QuantizedMatrix.unpackQ4KScales(packed, 0, scale, min);
        assertThat(scale[1]).isEqualTo(1);
        assertThat(min[1]).isEqualTo(2);
        assertThat(scale[5]).isEqualTo(0xA | (3 << 4));
        assertThat(min[5]).isEqualTo(0x5 | (1 << 4));
    }

    @Test
    void mismatchedActivationsAreRejected() {
        QuantizedMatrix m = QuantizedMatrix.random(WeightFormat.Q4_K, 2, 256, 1);
        Activations wrong = Activations.of(WeightFormat.Q8_0, new float[256]);
        assertThatThrownBy(() -> IntegerKernels.best().matVec(m, wrong, new float[2], 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q8_K");
    }

    @Test
    void superBlockFormatsStoreTheBytesOfTheirGgmlLayout() {
        // ggml-common.h static_asserts: block_q4_K 2 x 2 + 12 + 128 = 144 bytes, block_q6_K 128 + 64 + 16 + 2 = 210 bytes per 256.
        assertThat(WeightFormat.Q4_K.rowBytes(4096)).isEqualTo(16 * 144);
        assertThat(WeightFormat.Q6_K.rowBytes(4096)).isEqualTo(16 * 210);
        assertThat(QuantizedMatrix.random(WeightFormat.Q6_K, 3, 512, 1).bytes()).isEqualTo(3 * 2 * 210);
    }
}
