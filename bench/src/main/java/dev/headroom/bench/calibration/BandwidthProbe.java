package dev.headroom.bench.calibration;

import dev.headroom.bench.kernels.RowParallel;
import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * Java memory bandwidth, measured the way STREAM does: arrays far larger than the last-level cache,
 * each thread on its own contiguous share (first touched by that thread), the best of several passes,
 * bytes counted as STREAM counts them (read 8, copy 16, triad 24 bytes per element; write-allocate
 * traffic not counted). {@link NativeStream} runs the same kernels in C with the same rules.
 */
public final class BandwidthProbe {
    /** 2^24 doubles = 128 MiB per array, 4x a 32 MiB L3 so every pass streams from DRAM. */
    public static final int DEFAULT_ELEMENTS = 1 << 24;

    private final double[] a;
    private final double[] b;
    private final double[] c;
    private volatile double sink;

    public BandwidthProbe(int elements) {
        if (elements < 1024) {
            throw new IllegalArgumentException("elements: must be at least 1024, was " + elements);
        }
        a = new double[elements];
        b = new double[elements];
        c = new double[elements];
    }

    /** Bandwidths of one thread count, bytes/s. */
    public record Result(int threads, double readBytesPerSecond, double copyBytesPerSecond, double triadBytesPerSecond) {
    }

    public Result measure(int threads, int passes, DoubleConsumer progress) {
        try (RowParallel parallel = new RowParallel(threads)) {
            int n = a.length;
            parallel.run(n, (from, to) -> {
                Arrays.fill(a, from, to, 1.0);
                Arrays.fill(b, from, to, 2.0);
                Arrays.fill(c, from, to, 0.5);
            });
            double read = best(passes, () -> parallel.run(n, (from, to) -> sink += MemoryKernels.read(a, from, to)));
            progress.accept(1 / 3.0);
            double copy = best(passes, () -> parallel.run(n, (from, to) -> MemoryKernels.copy(c, a, from, to)));
            progress.accept(2 / 3.0);
            double triad = best(passes, () -> parallel.run(n, (from, to) -> MemoryKernels.triad(a, b, c, 3.0, from, to)));
            progress.accept(1.0);
            return new Result(threads, 8.0 * n / read, 16.0 * n / copy, 24.0 * n / triad);
        }
    }

    /** The fastest of {@code passes} runs after two untimed warm-up runs (which also let C2 compile the loops), seconds. */
    static double best(int passes, Runnable pass) {
        pass.run();
        pass.run();
        double best = Double.MAX_VALUE;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            pass.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
