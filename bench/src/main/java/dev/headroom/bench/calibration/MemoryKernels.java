package dev.headroom.bench.calibration;

/**
 * STREAM's kernels over {@code double[]} (McCalpin's STREAM: copy a=b, scale, add, triad a=b+s*c) plus a
 * read-only sum. Loops are written so C2 vectorises them; the read uses four accumulators so the
 * floating-point reduction does not serialise on one register.
 */
public final class MemoryKernels {
    private MemoryKernels() {
    }

    public static double read(double[] a, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return s0 + s1 + s2 + s3;
    }

    public static void copy(double[] dst, double[] src, int from, int to) {
        System.arraycopy(src, from, dst, from, to - from);
    }

    public static void triad(double[] a, double[] b, double[] c, double scalar, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = b[i] + scalar * c[i];
        }
    }
}
