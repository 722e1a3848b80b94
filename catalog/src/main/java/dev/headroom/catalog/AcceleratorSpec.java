package dev.headroom.catalog;

import java.util.List;

/**
 * Datasheet figures of one accelerator. Rates are vendor SI figures: bytes per second and FLOP/s.
 *
 * @param name the device as its vendor names it
 * @param vendor NVIDIA, AMD, Intel, Apple
 * @param memoryBytes device memory (SI gigabytes as sold, converted to bytes)
 * @param bandwidthBytesPerSecond peak memory bandwidth
 * @param fp16FlopsPerSecond dense FP16 tensor peak (no sparsity); where no tensor rate is published (Apple
 *        GPUs, some AMD consumer cards) the FP32 vector rate, which those GPUs also reach in FP16
 * @param int8OpsPerSecond dense INT8 tensor peak, 0 when not published
 * @param source where the figures come from
 * @param bf16FlopsPerSecond dense BF16 tensor peak, 0 when not published or not supported (T4, V100)
 * @param aliases other names drivers print for it ({@code NVIDIA A100-SXM4-80GB}, {@code Tesla T4})
 * @param pciIds PCI vendor:device ids, lower case ({@code 10de:2684}); empty when not recorded
 */
public record AcceleratorSpec(String name, String vendor, long memoryBytes, double bandwidthBytesPerSecond,
                              double fp16FlopsPerSecond, double int8OpsPerSecond, String source,
                              double bf16FlopsPerSecond, List<String> aliases, List<String> pciIds) {
    public AcceleratorSpec {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        pciIds = pciIds == null ? List.of() : List.copyOf(pciIds);
    }

    /** The foundation's shape: no BF16 rate, aliases or PCI ids. */
    public AcceleratorSpec(String name, String vendor, long memoryBytes, double bandwidthBytesPerSecond,
                           double fp16FlopsPerSecond, double int8OpsPerSecond, String source) {
        this(name, vendor, memoryBytes, bandwidthBytesPerSecond, fp16FlopsPerSecond, int8OpsPerSecond, source, 0,
                List.of(), List.of());
    }
}
