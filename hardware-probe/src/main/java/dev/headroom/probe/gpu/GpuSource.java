package dev.headroom.probe.gpu;

/**
 * One way of seeing GPUs. Implementations never throw and never block longer than their command time
 * limit: everything that goes wrong becomes a problem line in the returned {@link GpuReadings}.
 */
public interface GpuSource {
    /** The name every reading carries as its {@code source}: {@code jcuda}, {@code nvidia-smi}, ... */
    String name();

    /**
     * Whether this source can apply here at all (a cheap check: an OS name, a file's existence, a tool on
     * the search path). Sources that cannot apply are not run, so the probe does not pay for them.
     */
    boolean applies();

    /** Reads the GPUs. Only called when {@link #applies()}. */
    GpuReadings read();

    /**
     * Why the source does not apply, for the probe's notes ("nvidia-smi not on PATH"); empty when not
     * worth mentioning on this OS (no {@code sysctl} GPU reading on Linux).
     */
    default String whyNot() {
        return "";
    }

    /** The vendor whose GPUs this source sees ({@code NVIDIA}, {@code AMD}, {@code Intel}, {@code Apple}), or {@code any}. */
    String vendor();
}
