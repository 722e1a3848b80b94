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
 * @param quantizedPrefillShare prompt rate of quantized weight formats relative to {@code flopsPerSecond}, 0..1
 *                              ({@link ClassConstants#quantizedPrefillShare()}); 1 where the rate was measured per format
 * @param splitLayerSeconds fixed time per layer per forward pass once the model is split over more than one device
 *                          ({@link ClassConstants#splitLayerSeconds()})
 * @param prefillDequantBytesPerSecond rate of the backend's dequantization pass before a prompt's matrix products of
 *                                     quantized weights, bytes/s moved (read + written); 0 where there is none
 *                                     ({@link ClassConstants#prefillDequantEfficiency()})
 */
public record SpeedCeilings(double bandwidthBytesPerSecond, double flopsPerSecond, Map<GgmlType, Double> decodeFlopsByFormat,
                            double layerOverheadSeconds, double peerSyncSecondsPerLayer, double overlap, Origin origin, String note,
                            double quantizedPrefillShare, double splitLayerSeconds, double prefillDequantBytesPerSecond) {
    /** Ceilings without a dequantization pass before prompts. */
    public SpeedCeilings(double bandwidthBytesPerSecond, double flopsPerSecond, Map<GgmlType, Double> decodeFlopsByFormat,
                         double layerOverheadSeconds, double peerSyncSecondsPerLayer, double overlap, Origin origin, String note,
                         double quantizedPrefillShare, double splitLayerSeconds) {
        this(bandwidthBytesPerSecond, flopsPerSecond, decodeFlopsByFormat, layerOverheadSeconds, peerSyncSecondsPerLayer, overlap,
                origin, note, quantizedPrefillShare, splitLayerSeconds, 0);
    }

    /** Ceilings whose prompt rate is the same for every weight format. */
    public SpeedCeilings(double bandwidthBytesPerSecond, double flopsPerSecond, Map<GgmlType, Double> decodeFlopsByFormat,
                         double layerOverheadSeconds, double peerSyncSecondsPerLayer, double overlap, Origin origin, String note) {
        this(bandwidthBytesPerSecond, flopsPerSecond, decodeFlopsByFormat, layerOverheadSeconds, peerSyncSecondsPerLayer, overlap,
                origin, note, 1.0, 0);
    }

    public SpeedCeilings {
        if (!(quantizedPrefillShare > 0 && quantizedPrefillShare <= 1)) {
            throw new IllegalArgumentException("quantizedPrefillShare: must be within (0, 1], was " + quantizedPrefillShare);
        }
        if (!(prefillDequantBytesPerSecond >= 0) || Double.isInfinite(prefillDequantBytesPerSecond)) {
            throw new IllegalArgumentException("prefillDequantBytesPerSecond: must not be negative, was " + prefillDequantBytesPerSecond);
        }
        if (!(splitLayerSeconds >= 0)) {
            throw new IllegalArgumentException("splitLayerSeconds: must not be negative, was " + splitLayerSeconds);
        }
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

    /**
     * {@link #forDatasheet(DeviceClass, String, double, double)} for a device of a known memory technology (the catalog's
     * {@code memory_type}): HBM parts get their class's HBM per-layer overhead.
     */
    public static SpeedCeilings forDatasheet(DeviceClass deviceClass, String name, double bandwidthBytesPerSecond,
                                             double fp16FlopsPerSecond, MemoryTechnology technology) {
        return forDatasheet(deviceClass, ClassConstants.of(deviceClass), name, bandwidthBytesPerSecond, fp16FlopsPerSecond, technology);
    }

    /** {@link #forDatasheet(DeviceClass, String, double, double)} with explicit class constants (the fit varies them). */
    public static SpeedCeilings forDatasheet(DeviceClass deviceClass, ClassConstants k, String name, double bandwidthBytesPerSecond,
                                             double fp16FlopsPerSecond) {
        return forDatasheet(deviceClass, k, name, bandwidthBytesPerSecond, fp16FlopsPerSecond, MemoryTechnology.UNKNOWN);
    }

    /** The datasheet factory with explicit class constants and memory technology. */
    public static SpeedCeilings forDatasheet(DeviceClass deviceClass, ClassConstants k, String name, double bandwidthBytesPerSecond,
                                             double fp16FlopsPerSecond, MemoryTechnology technology) {
        double overhead = k.layerOverheadSeconds(technology);
        return new SpeedCeilings(bandwidthBytesPerSecond * k.bandwidthEfficiency(), fp16FlopsPerSecond * k.computeEfficiency(),
                Map.of(), overhead, k.peerSyncSecondsPerLayer(), k.overlap(), Origin.DATASHEET,
                String.format(java.util.Locale.ROOT, "%s datasheet x %s class constants (bandwidth %.2f, compute %.2f, quantized prompts x %.2f,"
                                + " %.0f us/layer%s)", name, deviceClass, k.bandwidthEfficiency(), k.computeEfficiency(),
                        k.quantizedPrefillShare(), overhead * 1e6, technology == MemoryTechnology.UNKNOWN ? "" : ", " + technology),
                k.quantizedPrefillShare(), k.splitLayerSeconds(), bandwidthBytesPerSecond * k.prefillDequantEfficiency());
    }

    /** Fixed time per layer per forward pass on {@code devices} devices: the per-layer overhead, plus the split costs when more than one. */
    public double layerSecondsOn(int devices) {
        return layerOverheadSeconds + (devices > 1 ? splitLayerSeconds + (devices - 1) * peerSyncSecondsPerLayer : 0);
    }

    /** The prompt-processing (matrix-matrix) rate for weights whose base format is {@code type}. */
    public double prefillFlopsFor(GgmlType type) {
        boolean quantized = type != GgmlType.F16 && type != GgmlType.BF16 && type != GgmlType.F32;
        return quantized ? flopsPerSecond * quantizedPrefillShare : flopsPerSecond;
    }

    /** Whether a prompt's products of weights in {@code type} are preceded by a separate dequantization pass. */
    public boolean dequantizesBeforePrefill(GgmlType type) {
        return prefillDequantBytesPerSecond > 0 && type != GgmlType.F16 && type != GgmlType.BF16 && type != GgmlType.F32;
    }

    /** The matrix-vector rate for weights of one format, falling back to the dense rate. */
    public double decodeFlopsFor(GgmlType type) {
        return decodeFlopsByFormat.getOrDefault(type, flopsPerSecond);
    }

}
