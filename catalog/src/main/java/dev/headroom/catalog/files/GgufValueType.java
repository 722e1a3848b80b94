package dev.headroom.catalog.files;

/**
 * GGUF metadata value types with their ids and fixed sizes in bytes (0 for variable-size STRING and ARRAY).
 *
 * <p>Source: ggml/docs/gguf.md ({@code enum gguf_metadata_value_type}).
 */
public enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
    STRING(8, 0), ARRAY(9, 0), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private final int id;
    private final int size;

    GgufValueType(int id, int size) {
        this.id = id;
        this.size = size;
    }

    public int id() {
        return id;
    }

    /** Fixed size in bytes, 0 for STRING and ARRAY. */
    public int size() {
        return size;
    }

    /** Smallest encoding in bytes: STRING is at least its 8-byte length, ARRAY at least type + length. */
    int minimumSize() {
        return this == STRING ? 8 : this == ARRAY ? 12 : size;
    }

    static GgufValueType ofId(long id, String where) {
        for (GgufValueType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        throw new ModelFileException(where + ": value type " + id + " is not a GGUF type (0..12)");
    }
}
