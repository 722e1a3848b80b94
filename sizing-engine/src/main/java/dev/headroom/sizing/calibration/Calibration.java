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
 */
public record Calibration(String measuredOn, String cpuModel, int threads, String kernels, double readBytesPerSecond,
                          double readBytesPerSecondOneThread, double triadBytesPerSecond, double nativeReadBytesPerSecond,
                          double gemmFlopsPerSecond, Map<GgmlType, Double> decodeFlopsByFormat, double dispatchSeconds) {
    public Calibration {
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

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + ": must be positive, was " + v);
        }
    }

    /** Provenance text: {@code MEASURED by headroom bench, calibration of 2026-11-22 (12.3 GB/s read, ...)}. */
    public String note() {
        return String.format(Locale.ROOT, "MEASURED by headroom bench, calibration of %s (%.1f GB/s read, %.1f GFLOP/s FP32 GEMM, %d threads)",
                measuredOn, readBytesPerSecond / 1e9, gemmFlopsPerSecond / 1e9, threads);
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
