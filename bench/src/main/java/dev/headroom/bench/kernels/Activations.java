package dev.headroom.bench.kernels;

/**
 * An F32 activation vector converted, once per matrix-vector product, to the type llama.cpp's CPU backend
 * multiplies a weight format with (its {@code vec_dot_type}, ggml-cpu.c type traits): Q8_0 blocks for Q8_0 and
 * Q4_0 weights, Q8_K super-blocks for the K-quants, F16 for F16 weights, F32 unchanged for F32.
 *
 * <p>The int8 quants are kept widened to {@code short}: the activation vector is a few KiB and stays in L1/L2, and
 * 16-bit lanes are what the Java kernels multiply the widened weight quants with (the weights themselves stay in
 * their byte layouts, so a product streams exactly the bytes of the GGUF tensor).
 */
public final class Activations {
    /** Which conversion, named after the ggml type. */
    public enum Kind { F32, F16, Q8_0, Q8_K }

    final Kind kind;
    final int length;
    /** F32: the values; F16: the values rounded to binary16 (exact in float). */
    final float[] values;
    /** Q8_0 / Q8_K: the int8 quants, widened. */
    final short[] q;
    /** Q8_0: the F16-rounded scale per 32 values (ggml stores it as F16); Q8_K: the float scale per 256. */
    final float[] d;
    /** Q8_K only: the sum of each 16 quants ({@code bsums}), which the K-quants' minimums multiply. */
    final int[] bsums;
    /**
     * Q8_K only: the quants widened to int and transposed within each 32-value group, {@code lanes[32g + 8b + i] =
     * q[32g + 4i + b]}: the order in which 8 int lanes, each holding 4 consecutive weight bytes, meet their activations
     * when the byte in position {@code b} of every lane is extracted by one shift (the K-quant kernels of
     * {@link IntegerVectorKernels}; the same role as llama.cpp's repacked layouts, applied here to the activations).
     */
    final int[] lanes;
    /**
     * Q8_K only: the quants de-interleaved within each 32-value group, even positions then odd ones ({@code
     * evenOdd[32g + j] = q[32g + 2j]}, {@code evenOdd[32g + 16 + j] = q[32g + 2j + 1]}): the order in which 16 short
     * lanes, each holding 2 consecutive weight bytes, meet their activations (the Q6_K kernel of
     * {@link IntegerVectorKernels}).
     */
    final short[] evenOdd;

    private Activations(Kind kind, int length, float[] values, short[] q, float[] d, int[] bsums) {
        this.kind = kind;
        this.length = length;
        this.values = values;
        this.q = q;
        this.d = d;
        this.bsums = bsums;
        this.lanes = kind == Kind.Q8_K ? transposed(q) : null;
        this.evenOdd = kind == Kind.Q8_K ? deinterleaved(q) : null;
    }

    private static short[] deinterleaved(short[] q) {
        short[] out = new short[q.length];
        for (int g = 0; g < q.length; g += 32) {
            for (int j = 0; j < 16; j++) {
                out[g + j] = q[g + 2 * j];
                out[g + 16 + j] = q[g + 2 * j + 1];
            }
        }
        return out;
    }

    private static int[] transposed(short[] q) {
        int[] out = new int[q.length];
        for (int g = 0; g < q.length; g += 32) {
            for (int i = 0; i < 8; i++) {
                for (int b = 0; b < 4; b++) {
                    out[g + 8 * b + i] = q[g + 4 * i + b];
                }
            }
        }
        return out;
    }

    /** The activation type llama.cpp uses with {@code weights}. */
    public static Kind kindFor(WeightFormat weights) {
        return switch (weights) {
            case F32, K4 -> Kind.F32;
            case F16 -> Kind.F16;
            case Q8_0, Q4_0 -> Kind.Q8_0;
            case Q4_K, Q6_K -> Kind.Q8_K;
        };
    }

    /** {@code x} converted for weights of {@code weights}' format. */
    public static Activations of(WeightFormat weights, float[] x) {
        return of(kindFor(weights), x);
    }

    public static Activations of(Kind kind, float[] x) {
        return switch (kind) {
            case F32 -> new Activations(kind, x.length, x.clone(), null, null, null);
            case F16 -> f16(x);
            case Q8_0 -> q8_0(x);
            case Q8_K -> q8K(x);
        };
    }

    public Kind kind() {
        return kind;
    }

    public int length() {
        return length;
    }

    /** The values the kernels multiply by, as floats (dequantized for Q8_0 / Q8_K). */
    public float[] dequantized() {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = switch (kind) {
                case F32, F16 -> values[i];
                case Q8_0 -> q[i] * d[i / 32];
                case Q8_K -> q[i] * d[i / 256];
            };
        }
        return out;
    }

    private static Activations f16(float[] x) {
        float[] v = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = Half.toFloat(Half.fromFloat(x[i]));
        }
        return new Activations(Kind.F16, x.length, v, null, null, null);
    }

    /**
     * ggml-quants.c {@code quantize_row_q8_0_ref}: per 32 values d = max|x| / 127 (stored as F16), q = round(x / d)
     * with C's {@code roundf} (halves away from zero).
     */
    private static Activations q8_0(float[] x) {
        requireMultiple(x.length, 32);
        short[] q = new short[x.length];
        float[] d = new float[x.length / 32];
        for (int b = 0; b < d.length; b++) {
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[b * 32 + j]));
            }
            float scale = amax / 127;
            float inverse = scale != 0 ? 1.0f / scale : 0.0f;
            d[b] = Half.toFloat(Half.fromFloat(scale));
            for (int j = 0; j < 32; j++) {
                float v = x[b * 32 + j] * inverse;
                q[b * 32 + j] = (short) (v < 0 ? -Math.round(-v) : Math.round(v));
            }
        }
        return new Activations(Kind.Q8_0, x.length, null, q, d, null);
    }

    /**
     * ggml-quants.c {@code quantize_row_q8_K_ref}: per 256 values the signed value of largest magnitude m gives
     * iscale = -127 / m, q = min(127, nearest(iscale x)) (round half to even), d = 1 / iscale, and each 16 quants'
     * sum is kept.
     */
    private static Activations q8K(float[] x) {
        requireMultiple(x.length, 256);
        short[] q = new short[x.length];
        float[] d = new float[x.length / 256];
        int[] bsums = new int[x.length / 16];
        for (int b = 0; b < d.length; b++) {
            int o = b * 256;
            float max = 0;
            float amax = 0;
            for (int j = 0; j < 256; j++) {
                float ax = Math.abs(x[o + j]);
                if (ax > amax) {
                    amax = ax;
                    max = x[o + j];
                }
            }
            if (amax == 0) {
                continue; // d = 0, quants and sums 0
            }
            float iscale = -127.f / max;
            for (int j = 0; j < 256; j++) {
                q[o + j] = (short) Math.min(127, (int) Math.rint(iscale * x[o + j]));
            }
            for (int g = 0; g < 16; g++) {
                int sum = 0;
                for (int j = 0; j < 16; j++) {
                    sum += q[o + g * 16 + j];
                }
                bsums[b * 16 + g] = sum;
            }
            d[b] = 1 / iscale;
        }
        return new Activations(Kind.Q8_K, x.length, null, q, d, bsums);
    }

    private static void requireMultiple(int n, int block) {
        if (n % block != 0) {
            throw new IllegalArgumentException("length: must be a multiple of " + block + ", was " + n);
        }
    }
}
