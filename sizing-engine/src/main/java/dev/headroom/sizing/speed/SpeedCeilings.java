package dev.headroom.sizing.speed;

import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.GgmlType;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the speed model needs about one device: achievable (not peak) bandwidth, achievable
 * compute per weight format, and the fixed per-layer costs of its inference stack.
 *
 * @param bandwidthBytesPerSecond achievable memory read bandwidth, bytes/s
 * @param flopsPerSecond achievable dense matrix rate (prompt processing; decode of formats not in the map), FLOP/s
 * @param decodeFlopsByFormat achievable matrix-vector rate per weight format, FLOP/s (one multiply-add = 2 FLOP);
 *                            on CPUs with few cores, dequantizing small formats makes these the binding ceiling
 * @param layerOverheadSeconds fixed time per layer per forward pass (launches, synchronisation, small ops)
 * @param peerSyncSecondsPerLayer extra time per layer per forward pass for each further device in a split
 * @param overlap how much of the smaller of memory time and compute time hides under the larger, 0..1:
 *                1 gives the pure roofline {@code max(memory, compute)} (GPUs: thousands of warps hide loads),
 *                0 gives {@code memory + compute} (CPU cores run loads and dequantize-FMA in one instruction stream)
 * @param origin MEASURED (calibration), DATASHEET (catalog x class constants) or DEFAULT
 * @param note how the values were obtained, for provenance
 */
public record SpeedCeilings(double bandwidthBytesPerSecond, double flopsPerSecond, Map<GgmlType, Double> decodeFlopsByFormat,
                            double layerOverheadSeconds, double peerSyncSecondsPerLayer, double overlap, Origin origin, String note) {
    public SpeedCeilings {
        positive("bandwidthBytesPerSecond", bandwidthBytesPerSecond);
        positive("flopsPerSecond", flopsPerSecond);
        decodeFlopsByFormat = decodeFlopsByFormat.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(decodeFlopsByFormat));
        decodeFlopsByFormat.forEach((type, rate) -> positive("decodeFlopsByFormat[" + type + "]", rate));
        if (!(layerOverheadSeconds >= 0) || !(peerSyncSecondsPerLayer >= 0)) {
            throw new IllegalArgumentException("layerOverheadSeconds: must not be negative, was " + layerOverheadSeconds);
        }
        if (!(overlap >= 0 && overlap <= 1)) {
            throw new IllegalArgumentException("overlap: must be within 0..1, was " + overlap);
        }
        if (origin == null) {
            throw new IllegalArgumentException("origin: required");
        }
        note = note == null ? "" : note;
    }

    private static void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": must be positive, was " + value);
        }
    }

    /**
     * A device from its datasheet: bandwidth and dense FP16 rate times its class's efficiencies, and the
     * class's per-layer overheads (documented in {@link ClassConstants}).
     */
    public static SpeedCeilings forDatasheet(DeviceClass deviceClass, String name, double bandwidthBytesPerSecond,
                                             double fp16FlopsPerSecond) {
        return forDatasheet(deviceClass, ClassConstants.of(deviceClass), name, bandwidthBytesPerSecond, fp16FlopsPerSecond);
    }

    /** {@link #forDatasheet(DeviceClass, String, double, double)} with explicit class constants (the fit varies them). */
    public static SpeedCeilings forDatasheet(DeviceClass deviceClass, ClassConstants k, String name, double bandwidthBytesPerSecond,
                                             double fp16FlopsPerSecond) {
        return new SpeedCeilings(bandwidthBytesPerSecond * k.bandwidthEfficiency(), fp16FlopsPerSecond * k.computeEfficiency(),
                Map.of(), k.layerOverheadSeconds(), k.peerSyncSecondsPerLayer(), k.overlap(), Origin.DATASHEET,
                String.format(java.util.Locale.ROOT, "%s datasheet x %s class constants (bandwidth %.2f, compute %.2f, %.0f us/layer)",
                        name, deviceClass, k.bandwidthEfficiency(), k.computeEfficiency(), k.layerOverheadSeconds() * 1e6));
    }

    /** The matrix-vector rate for weights of one format, falling back to the dense rate. */
    public double decodeFlopsFor(GgmlType type) {
        return decodeFlopsByFormat.getOrDefault(type, flopsPerSecond);
    }

}
