package dev.headroom.catalog;

import java.util.List;

/**
 * A resolved device query: {@code count} x one accelerator, memory per device in bytes as the driver reports it.
 *
 * @param spec the catalog row
 * @param count how many of them (1..{@link AcceleratorCatalog#MAX_DEVICES}); "2x A100 80GB" gives 2
 * @param memoryBytesPerDevice device memory in bytes (GiB-based, as drivers report it); for Apple unified memory
 *        the chosen configuration's total unified memory (the caller applies the GPU's working-set share)
 * @param label one device's configuration in words, without the count: {@code NVIDIA H100 SXM5 80GB},
 *        {@code Apple M3 Max 40-core GPU, 64 GB}
 * @param assumptions what the query left open and how it was settled, one line each (empty when the query named
 *        everything): {@code memory: 128 GB, the largest of 48/64/128 GB; add e.g. '64GB' to choose}
 */
public record DeviceMatch(AcceleratorSpec spec, int count, long memoryBytesPerDevice, String label,
                          List<String> assumptions) {
    public DeviceMatch {
        if (spec == null || label == null) {
            throw new IllegalArgumentException("device match: spec and label are required");
        }
        if (count < 1) {
            throw new IllegalArgumentException("device count: must be >= 1, was " + count);
        }
        if (memoryBytesPerDevice <= 0) {
            throw new IllegalArgumentException("device memory: must be positive, was " + memoryBytesPerDevice);
        }
        assumptions = assumptions == null ? List.of() : List.copyOf(assumptions);
    }

    /** A match that assumed nothing. */
    public DeviceMatch(AcceleratorSpec spec, int count, long memoryBytesPerDevice, String label) {
        this(spec, count, memoryBytesPerDevice, label, List.of());
    }

    /** Memory of all {@link #count} devices together. */
    public long totalMemoryBytes() {
        return Math.multiplyExact(memoryBytesPerDevice, (long) count);
    }
}
