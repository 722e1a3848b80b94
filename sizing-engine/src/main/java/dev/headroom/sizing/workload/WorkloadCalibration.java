package dev.headroom.sizing.workload;

import dev.headroom.sizing.provenance.Origin;

/**
 * The share of a device's dense-matrix compute ceiling that non-LLM inference reached when measured
 * ({@code headroom bench --model FILE.onnx}: measured over predicted throughput at compute-bound batches).
 * Convolutions with small channel counts, depthwise layers and framework dispatch run below the GEMM
 * rate the ceilings record; a measured efficiency carries that into later estimates on the machine.
 *
 * @param computeEfficiency multiplier on {@code SpeedCeilings.flopsPerSecond()}, within (0, 4]
 * @param origin MEASURED when it came from a run, DEFAULT for {@link #NONE}
 */
public record WorkloadCalibration(double computeEfficiency, Origin origin, String note) {
    /** No measurement: the ceilings as they are. */
    public static final WorkloadCalibration NONE = new WorkloadCalibration(1.0, Origin.DEFAULT,
            "no measured non-LLM efficiency: the device's dense-matrix ceiling as is");

    public WorkloadCalibration {
        if (!(computeEfficiency > 0 && computeEfficiency <= 4)) {
            throw new IllegalArgumentException("computeEfficiency: must be within (0, 4], was " + computeEfficiency);
        }
        if (origin == null) {
            throw new IllegalArgumentException("origin: required");
        }
        note = note == null ? "" : note;
    }
}
