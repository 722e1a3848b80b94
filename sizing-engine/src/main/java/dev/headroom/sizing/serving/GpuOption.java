package dev.headroom.sizing.serving;

import dev.headroom.sizing.speed.SpeedCeilings;
import java.util.List;

/**
 * One kind of GPU a deployment may run on.
 *
 * @param name how the user named it ({@code H100 SXM})
 * @param memoryBytesPerGpu device memory of one GPU, bytes
 * @param ceilings one GPU's speed ceilings (datasheet x class constants, or calibrated)
 * @param tensorParallelDegrees GPUs per replica to try ({@code --gpus 1,2,4,8})
 * @param gpusPerHost GPUs in one host; a tensor-parallel group never spans hosts
 * @param pricePerGpuHour price of one GPU for an hour, any currency; {@code NaN} when not given
 */
public record GpuOption(String name, long memoryBytesPerGpu, SpeedCeilings ceilings, List<Integer> tensorParallelDegrees,
                        int gpusPerHost, double pricePerGpuHour) {
    public GpuOption {
        if (name == null || name.isBlank() || ceilings == null) {
            throw new IllegalArgumentException("device: a name and ceilings are required");
        }
        if (memoryBytesPerGpu <= 0) {
            throw new IllegalArgumentException(name + ": GPU memory must be positive, was " + memoryBytesPerGpu);
        }
        tensorParallelDegrees = List.copyOf(tensorParallelDegrees);
        if (tensorParallelDegrees.isEmpty()) {
            throw new IllegalArgumentException("gpus: give at least one GPU count");
        }
        for (int tp : tensorParallelDegrees) {
            if (tp < 1 || tp > 64) {
                throw new IllegalArgumentException("gpus: each count must be within 1..64, was " + tp);
            }
        }
        if (gpusPerHost < 1 || gpusPerHost > 64) {
            throw new IllegalArgumentException("gpus per host: must be within 1..64, was " + gpusPerHost);
        }
        if (!Double.isNaN(pricePerGpuHour) && !(pricePerGpuHour >= 0 && pricePerGpuHour < 1e6)) {
            throw new IllegalArgumentException("price: must be a number >= 0 per GPU-hour, was " + pricePerGpuHour);
        }
    }

    public boolean priced() {
        return !Double.isNaN(pricePerGpuHour);
    }
}
