package dev.headroom.catalog.files;

import java.util.List;

/**
 * One tensor of a safetensors file.
 *
 * @param name tensor name
 * @param dtype element type
 * @param shape dimensions (empty for a scalar)
 * @param beginOffset first byte within the data section
 * @param endOffset one past the last byte within the data section
 */
public record SafetensorsTensor(String name, SafetensorsDtype dtype, List<Long> shape, long beginOffset, long endOffset) {
    public SafetensorsTensor {
        shape = List.copyOf(shape);
    }

    /** Number of elements (product of the shape; 1 for a scalar). */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes stored on disk: endOffset - beginOffset (checked against dtype x shape when read). */
    public long bytes() {
        return endOffset - beginOffset;
    }
}
