package dev.headroom.bench.kernels;

/** Dot products of one matrix row with an F32 activation vector; each implementation covers every {@link WeightFormat}. */
public interface Kernels {
    float dot(QuantizedMatrix m, int row, float[] x);

    /** {@code out[r] = row r . x} for rows {@code from} (inclusive) to {@code to} (exclusive). */
    default void matVec(QuantizedMatrix m, float[] x, float[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            out[r] = dot(m, r, x);
        }
    }

    /** A short name for reports: {@code vector-512} or {@code scalar}. */
    String name();

    /** The Vector API implementation when {@code jdk.incubator.vector} is in the boot layer, else the scalar one. */
    static Kernels best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Kernels) Class.forName("dev.headroom.bench.kernels.VectorKernels").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernels();
            }
        }
        return new ScalarKernels();
    }
}
