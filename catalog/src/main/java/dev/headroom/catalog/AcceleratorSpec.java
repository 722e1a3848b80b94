package dev.headroom.catalog;

import java.util.List;

/**
 * Datasheet figures of one accelerator. Rates are vendor SI figures: bytes per second and FLOP/s. Memory is in
 * bytes as the driver reports it: a card sold as "24 GB" has 24 GiB (24 x 2^30 bytes), which is what nvidia-smi,
 * rocm-smi and {@code hw.memsize} count; where the catalog records the driver's own figure
 * ({@code memory_mib_driver}, nvidia-smi {@code memory.total}) that figure is used instead.
 *
 * @param name the device as its vendor names it
 * @param vendor NVIDIA, AMD, Intel, Apple
 * @param memoryBytes device memory in bytes (the largest configuration for chips sold with several)
 * @param bandwidthBytesPerSecond peak memory bandwidth
 * @param fp16FlopsPerSecond dense FP16 tensor peak (no sparsity); where no tensor rate is published (Apple
 *        GPUs, some AMD consumer cards) the FP32 vector rate, which those GPUs also reach in FP16
 * @param int8OpsPerSecond dense INT8 tensor peak, 0 when not published
 * @param source where the figures come from
 * @param bf16FlopsPerSecond dense BF16 tensor peak, 0 when not published or not supported (T4, V100)
 * @param aliases other names drivers print for it ({@code NVIDIA A100-SXM4-80GB}, {@code Tesla T4})
 * @param pciIds PCI vendor:device ids, lower case ({@code 10de:2684}); empty when not recorded
 * @param memoryOptionsBytes the memory configurations it is sold with, ascending, in bytes (Apple chips: one per
 *        unified-memory size, {@code 36/96}); one entry, {@code memoryBytes}, for a discrete card
 * @param gpuCores GPU core count where the name states one ({@code Apple M3 Max (40-core GPU)}), else 0
 * @param memoryType the memory technology as the datasheet names it ({@code GDDR6X}, {@code HBM3}, {@code LPDDR5X}); empty when unknown
 * @param unifiedMemory whether the memory is shared with the CPU (Apple silicon, Jetson, GB10: category
 *        {@code unified-memory SoC}); {@link #memoryOptionsBytes} are then machine configurations
 */
public record AcceleratorSpec(String name, String vendor, long memoryBytes, double bandwidthBytesPerSecond,
                              double fp16FlopsPerSecond, double int8OpsPerSecond, String source,
                              double bf16FlopsPerSecond, List<String> aliases, List<String> pciIds,
                              List<Long> memoryOptionsBytes, int gpuCores, boolean unifiedMemory, String memoryType) {
    public AcceleratorSpec {
        memoryType = memoryType == null ? "" : memoryType.trim();
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        pciIds = pciIds == null ? List.of() : List.copyOf(pciIds);
        memoryOptionsBytes = memoryOptionsBytes == null || memoryOptionsBytes.isEmpty() ? List.of(memoryBytes)
                : memoryOptionsBytes.stream().sorted().distinct().toList();
        if (gpuCores < 0) {
            throw new IllegalArgumentException("gpuCores: must be >= 0, was " + gpuCores);
        }
    }

    /** Without a memory type (GDDR6X, HBM3, LPDDR5X; the speed model's per-layer cost depends on it). */
    public AcceleratorSpec(String name, String vendor, long memoryBytes, double bandwidthBytesPerSecond,
                           double fp16FlopsPerSecond, double int8OpsPerSecond, String source,
                           double bf16FlopsPerSecond, List<String> aliases, List<String> pciIds,
                           List<Long> memoryOptionsBytes, int gpuCores, boolean unifiedMemory) {
        this(name, vendor, memoryBytes, bandwidthBytesPerSecond, fp16FlopsPerSecond, int8OpsPerSecond, source, bf16FlopsPerSecond,
                aliases, pciIds, memoryOptionsBytes, gpuCores, unifiedMemory, "");
    }

    /** One memory size, no core count stated; unified memory for Apple only. */
    public AcceleratorSpec(String name, String vendor, long memoryBytes, double bandwidthBytesPerSecond,
                           double fp16FlopsPerSecond, double int8OpsPerSecond, String source,
                           double bf16FlopsPerSecond, List<String> aliases, List<String> pciIds) {
        this(name, vendor, memoryBytes, bandwidthBytesPerSecond, fp16FlopsPerSecond, int8OpsPerSecond, source,
                bf16FlopsPerSecond, aliases, pciIds, List.of(memoryBytes), 0, "Apple".equalsIgnoreCase(vendor));
    }

    /** The foundation's shape: no BF16 rate, aliases or PCI ids. */
    public AcceleratorSpec(String name, String vendor, long memoryBytes, double bandwidthBytesPerSecond,
                           double fp16FlopsPerSecond, double int8OpsPerSecond, String source) {
        this(name, vendor, memoryBytes, bandwidthBytesPerSecond, fp16FlopsPerSecond, int8OpsPerSecond, source, 0,
                List.of(), List.of());
    }
}
