package dev.headroom.sizing.calibration;

import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.SpeedCeilings;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One calibration of this machine's CPU by {@code headroom bench}. Rates are SI: bytes/s and FLOP/s.
 *
 * @param measuredOn ISO-8601 date of the run ({@code 2026-11-22})
 * @param cpuModel the CPU's name as probed, to notice a calibration copied to another machine
 * @param threads threads used for the all-thread figures
 * @param kernels the Java kernel implementation measured ({@code vector-512}, {@code scalar})
 * @param readBytesPerSecond STREAM-style read bandwidth, all threads
 * @param readBytesPerSecondOneThread the same with one thread
 * @param triadBytesPerSecond STREAM triad, all threads
 * @param nativeReadBytesPerSecond the native C STREAM read figure of the same run, 0 when no compiler was present
 * @param gemmFlopsPerSecond FP32 matrix-matrix rate, all threads (prompt processing)
 * @param decodeFlopsByFormat matrix-vector rate per weight format streaming weights from memory, all threads
 * @param dispatchSeconds cost of handing one parallel matrix-vector product to the threads and joining them
 * @param engine what measured the per-format rates: empty for headroom's own Java kernels, else the engine and its
 *               build as {@code headroom bench --llama-bench} found it ({@code llama.cpp b9749 (d32676d77)})
 */
public record Calibration(String measuredOn, String cpuModel, int threads, String kernels, double readBytesPerSecond,
                          double readBytesPerSecondOneThread, double triadBytesPerSecond, double nativeReadBytesPerSecond,
                          double gemmFlopsPerSecond, Map<GgmlType, Double> decodeFlopsByFormat, double dispatchSeconds,
                          String engine) {
    /** A calibration of headroom's own kernels (no external engine). */
    public Calibration(String measuredOn, String cpuModel, int threads, String kernels, double readBytesPerSecond,
                       double readBytesPerSecondOneThread, double triadBytesPerSecond, double nativeReadBytesPerSecond,
                       double gemmFlopsPerSecond, Map<GgmlType, Double> decodeFlopsByFormat, double dispatchSeconds) {
        this(measuredOn, cpuModel, threads, kernels, readBytesPerSecond, readBytesPerSecondOneThread, triadBytesPerSecond,
                nativeReadBytesPerSecond, gemmFlopsPerSecond, decodeFlopsByFormat, dispatchSeconds, "");
    }

    public Calibration {
        engine = engine == null ? "" : engine.strip();
        if (engine.length() > 200 || engine.chars().anyMatch(ch -> ch < 0x20)) {
            throw new IllegalArgumentException("engine: must be one line of at most 200 characters");
        }
        if (measuredOn == null || !measuredOn.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("measuredOn: must be a date like 2026-11-22, was " + measuredOn);
        }
        cpuModel = cpuModel == null ? "unknown" : cpuModel;
        kernels = kernels == null ? "unknown" : kernels;
        if (threads < 1 || threads > 4096) {
            throw new IllegalArgumentException("threads: must be within 1..4096, was " + threads);
        }
        positive("readBytesPerSecond", readBytesPerSecond);
        positive("readBytesPerSecondOneThread", readBytesPerSecondOneThread);
        positive("triadBytesPerSecond", triadBytesPerSecond);
        positive("gemmFlopsPerSecond", gemmFlopsPerSecond);
        if (!(nativeReadBytesPerSecond >= 0) || !(dispatchSeconds >= 0) || dispatchSeconds > 1) {
            throw new IllegalArgumentException("nativeReadBytesPerSecond and dispatchSeconds: must be non-negative (dispatch below 1 s), were "
                    + nativeReadBytesPerSecond + ", " + dispatchSeconds);
        }
        decodeFlopsByFormat = decodeFlopsByFormat.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(decodeFlopsByFormat));
        decodeFlopsByFormat.forEach((type, rate) -> positive("decodeFlopsByFormat." + type, rate));
    }

    /**
     * This calibration with the matrix-vector rates of {@code rates} replacing its own for those formats, measured
     * by {@code engine} (e.g. {@code llama.cpp b9749 (d32676d77)}).
     */
    public Calibration withEngineRates(String engine, Map<GgmlType, Double> rates) {
        Map<GgmlType, Double> merged = new EnumMap<>(GgmlType.class);
        merged.putAll(decodeFlopsByFormat);
        merged.putAll(rates);
        return new Calibration(measuredOn, cpuModel, threads, kernels, readBytesPerSecond, readBytesPerSecondOneThread,
                triadBytesPerSecond, nativeReadBytesPerSecond, gemmFlopsPerSecond, merged, dispatchSeconds, engine);
    }

    /** Fastest CPU memory read accepted: three times a 2-socket EPYC 9005's 2 × 614 GB/s (12 × DDR5-6400 × 8 bytes). */
    public static final double MAX_READ_BYTES_PER_SECOND = 4e12;
    /** Slowest accepted: a tenth of a Raspberry Pi 4's ~1 GB/s; slower is a broken run, not a machine. */
    public static final double MIN_READ_BYTES_PER_SECOND = 1e8;
    /** Fastest one-thread read accepted (an Apple M-series performance core reads about 100 GB/s alone). */
    public static final double MAX_ONE_THREAD_READ_BYTES_PER_SECOND = 300e9;
    /**
     * Highest FP32 GEMM rate per thread accepted: a Zen 5 core's AVX-512 peak is 2 FMA pipes × 16 lanes × 2
     * FLOP × 5.7 GHz = 365 GFLOP/s (AMD Zen 5 software optimization guide, 57647); rounded up to 400.
     */
    public static final double MAX_GEMM_FLOPS_PER_THREAD = 400e9;
    /**
     * A matrix-vector product streaming weights does two FLOP per weight it reads, so its rate is at most
     * bandwidth × 2 / bytes per weight; this slack allows for cache-resident rows and timer noise.
     */
    public static final double MAX_DECODE_OVER_BANDWIDTH = 4;

    /**
     * What in this calibration no real run can measure, one line each (empty when plausible): figures out
     * of range, a one-thread figure above the all-thread one, a GEMM rate above the cores' peak, a
     * matrix-vector rate faster than its weights can be read. A hand-edited file that inflates prefill
     * (GEMM) or decode rates 1000x fails here; a load should refuse or flag it, never use it silently.
     */
    public java.util.List<String> implausibilities() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (readBytesPerSecond > MAX_READ_BYTES_PER_SECOND || readBytesPerSecond < MIN_READ_BYTES_PER_SECOND) {
            out.add(String.format(Locale.ROOT, "read bandwidth %.3g GB/s is outside %.1f..%.0f GB/s", readBytesPerSecond / 1e9,
                    MIN_READ_BYTES_PER_SECOND / 1e9, MAX_READ_BYTES_PER_SECOND / 1e9));
        }
        if (readBytesPerSecondOneThread > MAX_ONE_THREAD_READ_BYTES_PER_SECOND
                || readBytesPerSecondOneThread > 1.5 * readBytesPerSecond) {
            out.add(String.format(Locale.ROOT, "one-thread read %.3g GB/s is above %.0f GB/s or 1.5 x the all-thread %.3g GB/s",
                    readBytesPerSecondOneThread / 1e9, MAX_ONE_THREAD_READ_BYTES_PER_SECOND / 1e9, readBytesPerSecond / 1e9));
        }
        if (triadBytesPerSecond > 2 * readBytesPerSecond || triadBytesPerSecond < readBytesPerSecond / 10) {
            out.add(String.format(Locale.ROOT, "triad bandwidth %.3g GB/s is not within 0.1..2 x the read bandwidth %.3g GB/s",
                    triadBytesPerSecond / 1e9, readBytesPerSecond / 1e9));
        }
        if (nativeReadBytesPerSecond > 0 && readBytesPerSecond > 2 * nativeReadBytesPerSecond) {
            out.add(String.format(Locale.ROOT, "Java read %.3g GB/s is above twice the native STREAM read %.3g GB/s",
                    readBytesPerSecond / 1e9, nativeReadBytesPerSecond / 1e9));
        }
        if (gemmFlopsPerSecond / threads > MAX_GEMM_FLOPS_PER_THREAD) {
            out.add(String.format(Locale.ROOT, "GEMM %.3g GFLOP/s is %.3g GFLOP/s per thread, above the %.0f a core can peak at",
                    gemmFlopsPerSecond / 1e9, gemmFlopsPerSecond / threads / 1e9, MAX_GEMM_FLOPS_PER_THREAD / 1e9));
        }
        decodeFlopsByFormat.forEach((type, rate) -> {
            double bound = MAX_DECODE_OVER_BANDWIDTH * readBytesPerSecond * 2 / (type.bitsPerWeight() / 8);
            if (rate > bound || rate / threads > MAX_GEMM_FLOPS_PER_THREAD) {
                out.add(String.format(Locale.ROOT, "%s matrix-vector rate %.3g GFLOP/s would read its weights at %.1f x the"
                        + " measured bandwidth", type, rate / 1e9, rate / (readBytesPerSecond * 2 / (type.bitsPerWeight() / 8))));
            }
        });
        return out;
    }

    /**
     * This calibration when plausible.
     *
     * @throws IllegalArgumentException with the first implausibility (one line) naming {@code where} (the file)
     */
    public Calibration requirePlausible(String where) {
        java.util.List<String> problems = implausibilities();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(where + ": implausible calibration (hand-edited or from a broken run; rerun"
                    + " headroom bench): " + String.join("; ", problems));
        }
        return this;
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + ": must be positive, was " + v);
        }
    }

    /** Provenance text: {@code MEASURED by headroom bench, calibration of 2026-11-22 (12.3 GB/s read, ...)}. */
    public String note() {
        return String.format(Locale.ROOT, "MEASURED by headroom bench, calibration of %s (%.1f GB/s read, %.1f GFLOP/s FP32 GEMM, %d threads%s)",
                measuredOn, readBytesPerSecond / 1e9, gemmFlopsPerSecond / 1e9, threads,
                engine.isEmpty() ? "" : "; decode rates by " + engine);
    }

    /**
     * The CPU's ceilings for the engine: measured read bandwidth, measured GEMM rate for dense work,
     * measured per-format matrix-vector rates, and the given fixed cost per layer.
     */
    public SpeedCeilings cpuCeilings(double layerOverheadSeconds) {
        return new SpeedCeilings(readBytesPerSecond, gemmFlopsPerSecond, decodeFlopsByFormat, layerOverheadSeconds, 0,
                ClassConstants.CPU.overlap(), Origin.MEASURED, note());
    }

    /** {@link #cpuCeilings(double)} with the CPU class's per-layer overhead (llama.cpp's thread barriers). */
    public SpeedCeilings cpuCeilings() {
        return cpuCeilings(ClassConstants.CPU.layerOverheadSeconds());
    }


    /** Java bandwidth as a share of the native STREAM figure, or NaN when the native program did not run. */
    public double javaToNativeReadRatio() {
        return nativeReadBytesPerSecond > 0 ? readBytesPerSecond / nativeReadBytesPerSecond : Double.NaN;
    }
}
