package dev.headroom.probe.live;

import dev.headroom.sizing.hardware.MemoryInfo;
import java.util.List;

/**
 * What the sampler read at one instant: only the values that change while the server runs.
 *
 * @param epochMillis when it was read (wall clock, for the page's time axis)
 * @param cpuUtilizationRatio busy fraction of all CPUs 0..1 since the previous sample
 * @param memory host RAM and the container limit, as the engine sees them
 * @param gpus each GPU's memory and utilisation (empty without GPUs)
 */
public record HostSample(long epochMillis, double cpuUtilizationRatio, MemoryInfo memory, List<GpuSample> gpus) {
    public HostSample {
        if (memory == null) {
            throw new IllegalArgumentException("memory is required");
        }
        if (!(cpuUtilizationRatio >= 0 && cpuUtilizationRatio <= 1)) {
            throw new IllegalArgumentException("cpuUtilizationRatio: must be within 0..1, was " + cpuUtilizationRatio);
        }
        gpus = List.copyOf(gpus);
    }
}
