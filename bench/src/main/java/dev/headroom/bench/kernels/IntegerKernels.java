package dev.headroom.bench.kernels;

/**
 * Matrix-vector products the way llama.cpp's CPU backend computes them ({@code ggml_vec_dot_*} in
 * ggml-cpu/quants.c): the activation vector is converted once per product to the format's {@link Activations}
 * type (Q8_0 blocks, Q8_K super-blocks, F16), then each weight block is multiplied with its activation block in
 * integers (int8 x int8 summed in int32), the sum scaled by the two block scales; K-quant minimums are applied
 * through the Q8_K block sums. Rows are independent; a caller splits them over threads as ggml does.
 */
public interface IntegerKernels {
    /**
     * {@code out[r] = row r . x} for rows {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param x the activations converted for {@code m}'s format ({@link Activations#of(WeightFormat, float[])})
     */
    void matVec(QuantizedMatrix m, Activations x, float[] out, int from, int to);

    /** A short name for reports: {@code int-vector-256} or {@code int-scalar}. */
    String name();

    /** Whether these kernels (and llama.cpp) have an integer path for {@code format}: F16, Q8_0, Q4_0, Q4_K, Q6_K (F32 is float). */
    static boolean supports(WeightFormat format) {
        return format != WeightFormat.K4;
    }

    /** The Vector API implementation when {@code jdk.incubator.vector} is in the boot layer, else the scalar one. */
    static IntegerKernels best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (IntegerKernels) Class.forName("dev.headroom.bench.kernels.IntegerVectorKernels").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new IntegerScalarKernels();
            }
        }
        return new IntegerScalarKernels();
    }

    /** Checks that {@code x} is the activation type llama.cpp pairs with {@code m}'s format and has its length. */
    static void check(QuantizedMatrix m, Activations x, float[] out, int from, int to) {
        if (x.kind != Activations.kindFor(m.format) || x.length != m.cols) {
            throw new IllegalArgumentException("activations: " + m.format + " weights of " + m.cols + " columns need "
                    + Activations.kindFor(m.format) + " of that length, were " + x.kind + " of " + x.length);
        }
        if (from < 0 || to > m.rows || from > to || out.length < to) {
            throw new IllegalArgumentException("rows: " + from + ".." + to + " outside 0.." + m.rows + " or out too short");
        }
    }
}
