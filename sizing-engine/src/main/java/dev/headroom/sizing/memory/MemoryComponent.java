package dev.headroom.sizing.memory;

import dev.headroom.sizing.provenance.Origin;

/**
 * One line of a memory breakdown.
 *
 * @param name {@code weights}, {@code kvCache}, {@code computeBuffer}, {@code runtimeOverhead}, ...
 * @param bytes the size in bytes
 * @param origin the evidence behind it
 * @param note the formula or source, for a user to check
 */
public record MemoryComponent(String name, long bytes, Origin origin, String note) {
    public static final String WEIGHTS = "weights";
    public static final String KV_CACHE = "kvCache";
    public static final String COMPUTE_BUFFER = "computeBuffer";
    public static final String RUNTIME_OVERHEAD = "runtimeOverhead";

    public MemoryComponent {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: missing");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException(name + ": bytes must not be negative, was " + bytes);
        }
        if (origin == null) {
            throw new IllegalArgumentException(name + ": origin missing");
        }
        note = note == null ? "" : note;
    }
}
