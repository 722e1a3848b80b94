package dev.headroom.catalog.files;

import java.util.List;
import java.util.Map;

/**
 * The header of one safetensors file.
 *
 * @param file file name
 * @param headerBytes length of the JSON header (the 8-byte length prefix not included)
 * @param fileBytes total file size in bytes
 * @param tensors tensors in header order
 * @param metadata the {@code __metadata__} string map (empty when absent)
 */
public record SafetensorsHeader(String file, long headerBytes, long fileBytes, List<SafetensorsTensor> tensors,
                                Map<String, String> metadata) {
    public SafetensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Map.copyOf(metadata);
    }

    /** Bytes of all tensor data. */
    public long tensorBytes() {
        long sum = 0;
        for (SafetensorsTensor t : tensors) {
            sum = Math.addExact(sum, t.bytes());
        }
        return sum;
    }
}
