package dev.headroom.catalog;

/**
 * Datasheet figures of one accelerator. Rates are vendor SI figures: bytes per second and FLOP/s.
 *
 * @param name the device as its vendor names it
 * @param vendor NVIDIA, AMD, Intel, Apple
 * @param memoryBytes device memory (SI gigabytes as sold, converted to bytes)
 * @param bandwidthBytesPerSecond peak memory bandwidth
 * @param fp16FlopsPerSecond dense FP16 tensor peak (no sparsity)
 * @param int8OpsPerSecond dense INT8 tensor peak, 0 when not published
 * @param source where the figures come from
 */
public record AcceleratorSpec(String name, String vendor, long memoryBytes, double bandwidthBytesPerSecond,
                              double fp16FlopsPerSecond, double int8OpsPerSecond, String source) {
}
