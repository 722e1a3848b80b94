package dev.headroom.bench.calibration;

import dev.headroom.bench.kernels.Activations;
import dev.headroom.bench.kernels.IntegerKernels;
import dev.headroom.bench.kernels.Kernels;
import dev.headroom.bench.kernels.QuantizedMatrix;
import dev.headroom.bench.kernels.RowParallel;
import dev.headroom.bench.kernels.WeightFormat;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Compute ceilings: matrix-vector rate per weight format streamed from memory (what decoding that
 * format achieves on this CPU), matrix-matrix rate for prompts on cache-blocked tiles, and the cost of
 * one parallel dispatch. FLOPs count one multiply-add as 2.
 */
public final class ComputeProbe {
    /** 64 x 2048 weights: 512 KiB at F32, inside a 1 MiB L2 with room for the activations. */
    static final int ROWS = 64;
    static final int COLS = 2048;
    /** GEMM shape: 64 prompt tokens x 512-wide weight tile, K = 2048 (weight tile 4 MiB F32 read once per 64 tokens). */
    static final int GEMM_TOKENS = 64;

    private final Kernels kernels;
    private final IntegerKernels integer;
    private final RowParallel parallel;
    private volatile float sink;

    /** Float kernels for every format (dequantize and FMA), as before the integer kernels existed. */
    public ComputeProbe(Kernels kernels, RowParallel parallel) {
        this(kernels, null, parallel);
    }

    /**
     * Matrix-vector rates of the formats llama.cpp multiplies in integers (F16, Q8_0, Q4_0, Q4_K, Q6_K) from
     * {@code integer}, which quantizes the activations once per product as llama.cpp does (that conversion is timed);
     * F32 and the GEMM from {@code kernels}. {@code integer} null: every format from {@code kernels}.
     */
    public ComputeProbe(Kernels kernels, IntegerKernels integer, RowParallel parallel) {
        this.kernels = kernels;
        this.integer = integer;
        this.parallel = parallel;
    }

    private boolean integerPath(WeightFormat format) {
        return integer != null && format != WeightFormat.F32 && IntegerKernels.supports(format);
    }

    /** One matrix-vector product of {@code m} with {@code x}, rows split over the threads. */
    private void product(QuantizedMatrix m, float[] x, float[] out) {
        if (integerPath(m.format())) {
            Activations a = Activations.of(m.format(), x);
            parallel.run(m.rows(), (from, to) -> integer.matVec(m, a, out, from, to));
        } else {
            parallel.run(m.rows(), (from, to) -> kernels.matVec(m, x, out, from, to));
        }
    }

    /** Weights streamed per matrix-vector product: 96 MiB, 3x a 32 MiB L3, so every product reads DRAM as decoding does. */
    static final long STREAM_BYTES = 96L << 20;
    static final int STREAM_REPS = 30;

    /**
     * Matrix-vector FLOP/s of one format over all threads, on a matrix of {@link #STREAM_BYTES} streamed
     * from memory with the rows split across threads as a decoder splits them: the achievable decode rate
     * of the format, dequantisation and memory stalls included. The median of up to {@link #STREAM_REPS} products.
     */
    public double matVecFlopsPerSecond(WeightFormat format, double seconds) {
        return matVecFlopsPerSecond(format, seconds, STREAM_BYTES);
    }

    /** The same on a matrix of about {@code streamBytes} (at least one row per thread); tests use a small one. */
    public double matVecFlopsPerSecond(WeightFormat format, double seconds, long streamBytes) {
        int rows = (int) Math.max(parallel.threads(), streamBytes / format.rowBytes(COLS));
        QuantizedMatrix m = QuantizedMatrix.random(format, rows, COLS, 42);
        float[] x = new float[COLS];
        float[] out = new float[rows];
        for (int i = 0; i < COLS; i++) {
            x[i] = (float) Math.sin(i);
        }
        // The median product, not the fastest: a single product is only ~2-7 ms, so the fastest one is often
        // a lucky outlier (a quiet neighbour, a prefetch win) that the decoder's whole tokens never see.
        java.util.List<Double> times = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (int rep = 0; rep < STREAM_REPS + 2 && (rep < 4 || System.nanoTime() < deadline); rep++) {
            long t0 = System.nanoTime();
            product(m, x, out);
            double t = (System.nanoTime() - t0) / 1e9;
            if (rep >= 2) {
                times.add(t);
            }
        }
        java.util.Collections.sort(times);
        double best = times.get(times.size() / 2);
        sink += out[0];
        return 2.0 * rows * COLS / best;
    }

    /** Untimed calls of one format's kernel, enough for C2 to compile it (10,000+ loop iterations per call site). */
    public void warmUp(WeightFormat format) {
        QuantizedMatrix m = QuantizedMatrix.random(format, ROWS, COLS, 99);
        float[] x = new float[COLS];
        float[] out = new float[ROWS];
        for (int i = 0; i < 300; i++) {
            if (integerPath(format)) {
                integer.matVec(m, Activations.of(format, x), out, 0, ROWS);
            } else {
                kernels.matVec(m, x, out, 0, ROWS);
            }
        }
        sink += out[0];
    }

    /** FP32 GEMM FLOP/s over all threads: each thread multiplies its own token block with a shared weight tile. */
    public double gemmFlopsPerSecond(double seconds) {
        int threads = parallel.threads();
        int tileRows = 512;
        QuantizedMatrix w = QuantizedMatrix.random(WeightFormat.F32, tileRows, COLS, 7);
        float[][][] tokens = new float[threads][GEMM_TOKENS][COLS];
        float[][] out = new float[threads][tileRows];
        for (float[][] block : tokens) {
            for (float[] row : block) {
                for (int i = 0; i < COLS; i++) {
                    row[i] = (float) Math.cos(i);
                }
            }
        }
        // Loop order: for each 16-row weight strip, all tokens; the strip (128 KiB) stays in L2 across tokens.
        IntTask gemm = t -> {
            for (int r0 = 0; r0 < tileRows; r0 += 16) {
                for (float[] token : tokens[t]) {
                    kernels.matVec(w, token, out[t], r0, r0 + 16);
                }
            }
        };
        double perSecond = timed(threads, seconds, gemm);
        sink += out[0][0];
        return perSecond * 2.0 * tileRows * COLS * GEMM_TOKENS;
    }

    /** Seconds to dispatch an empty task to all threads and join them (mean of many). */
    public double dispatchSeconds() {
        int n = 2000;
        for (int i = 0; i < n; i++) {
            parallel.run(parallel.threads(), (from, to) -> { });
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            parallel.run(parallel.threads(), (from, to) -> { });
        }
        return (System.nanoTime() - t0) / 1e9 / n;
    }

    @FunctionalInterface
    interface IntTask {
        void run(int thread);
    }

    /**
     * Windows per measurement; the best window's rate is kept (STREAM's rule), so a burst of load from
     * another process does not set the ceiling.
     */
    static final int WINDOWS = 40;
    /**
     * Warm-up: at least {@link #MIN_WARMUP_WINDOWS} windows of 50 ms, then until three consecutive windows
     * agree within 5% (C2 has installed the kernel: before that the Vector API runs 1000x slower, and on a
     * loaded machine the compiler thread itself waits), at most {@link #MAX_WARMUP_WINDOWS}.
     */
    static final int MIN_WARMUP_WINDOWS = 4;
    static final int MAX_WARMUP_WINDOWS = 60;

    /** The best of {@link #WINDOWS} windows of {@code seconds / WINDOWS} each, after a warm-up, in total repetitions per second. */
    private double timed(int threads, double seconds, IntTask task) {
        double[] last = new double[3];
        for (int w = 0; w < MAX_WARMUP_WINDOWS; w++) {
            last[w % 3] = window(threads, 0.05, task);
            double lo = Math.min(last[0], Math.min(last[1], last[2]));
            double hi = Math.max(last[0], Math.max(last[1], last[2]));
            if (w + 1 >= MIN_WARMUP_WINDOWS && lo > 0 && hi / lo < 1.05) {
                break;
            }
        }
        double best = 0;
        for (int w = 0; w < WINDOWS; w++) {
            best = Math.max(best, window(threads, seconds / WINDOWS, task));
        }
        return best;
    }

    private double window(int threads, double seconds, IntTask task) {
        DoubleAdder reps = new DoubleAdder();
        long[] start = new long[1];
        start[0] = System.nanoTime();
        long budget = (long) (seconds * 1e9);
        parallel.run(threads, (from, to) -> {
            for (int t = from; t < to; t++) {
                long count = 0;
                while (System.nanoTime() - start[0] < budget) {
                    task.run(t);
                    count++;
                }
                reps.add(count);
            }
        });
        double elapsed = (System.nanoTime() - start[0]) / 1e9;
        return reps.sum() / elapsed;
    }
}
