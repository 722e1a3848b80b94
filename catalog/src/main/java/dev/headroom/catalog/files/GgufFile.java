package dev.headroom.catalog.files;

import dev.headroom.sizing.quant.GgmlType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed GGUF header: metadata and tensor infos, with exact sizes.
 *
 * @param file file name
 * @param version GGUF version (2 or 3)
 * @param metadata key/value pairs in file order (Long, Double, Boolean, String or {@link GgufArray})
 * @param tensors tensor infos in file order
 * @param alignment {@code general.alignment}, default 32
 * @param dataOffset absolute file offset of the tensor data section
 * @param fileBytes size of the file
 */
public record GgufFile(String file, int version, Map<String, Object> metadata, List<GgufTensor> tensors,
                       long alignment, long dataOffset, long fileBytes) {
    public GgufFile {
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    /** Exact bytes of all tensors (padding between them excluded). */
    public long tensorBytes() {
        long sum = 0;
        for (GgufTensor t : tensors) {
            sum = Math.addExact(sum, t.bytes());
        }
        return sum;
    }

    public long parameters() {
        long sum = 0;
        for (GgufTensor t : tensors) {
            sum = Math.addExact(sum, t.elements());
        }
        return sum;
    }

    /** Exact bytes per ggml type, sorted by type. */
    public Map<GgmlType, Long> bytesByType() {
        Map<GgmlType, Long> out = new TreeMap<>();
        tensors.forEach(t -> out.merge(t.type(), t.bytes(), Math::addExact));
        return out;
    }

    /** {@code general.architecture}, or "" when absent. */
    public String architectureName() {
        Object v = metadata.get("general.architecture");
        return v instanceof String s ? s : "";
    }

    /** An integer value, or -1 when absent or not an integer. */
    public long integer(String key) {
        Object v = metadata.get(key);
        return v instanceof Long l ? l : -1L;
    }

    public String string(String key) {
        Object v = metadata.get(key);
        return v instanceof String s ? s : null;
    }

    public boolean hasTensor(String name) {
        return tensors.stream().anyMatch(t -> t.name().equals(name));
    }
}
