package dev.headroom.sizing.serving;

import java.util.Arrays;

/**
 * A distribution summarised as vLLM's benchmark_serving reports it (numpy's linear-interpolation percentiles).
 * All zero when there were no samples.
 *
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param mean arithmetic mean
 * @param max largest sample
 */
public record Percentiles(double p50, double p95, double p99, double mean, double max) {
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    /** Summarises the first {@code n} values of {@code values} (sorted in place). */
    public static Percentiles of(double[] values, int n) {
        if (n == 0) {
            return NONE;
        }
        Arrays.sort(values, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return new Percentiles(at(values, n, 0.50), at(values, n, 0.95), at(values, n, 0.99), sum / n, values[n - 1]);
    }

    private static double at(double[] sorted, int n, double q) {
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
