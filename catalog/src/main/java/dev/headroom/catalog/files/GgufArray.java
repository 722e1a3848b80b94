package dev.headroom.catalog.files;

import java.util.List;

/**
 * A GGUF metadata array. Only the first {@link GgufReader#ARRAY_HEAD} elements are kept (token lists run
 * to hundreds of thousands of strings that sizing does not need); {@code length} is the full count.
 *
 * @param elementType type of the elements
 * @param length number of elements in the file
 * @param head the first elements (Long, Double, Boolean, String or GgufArray)
 */
public record GgufArray(GgufValueType elementType, long length, List<Object> head) {
    public GgufArray {
        head = List.copyOf(head);
    }
}
