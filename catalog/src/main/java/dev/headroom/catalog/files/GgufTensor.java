package dev.headroom.catalog.files;

import dev.headroom.sizing.quant.GgmlType;
import java.util.List;

/**
 * One tensor info of a GGUF file.
 *
 * @param name tensor name ({@code blk.0.attn_q.weight})
 * @param dims dimensions, innermost (row length) first, as GGUF stores them
 * @param type ggml storage type
 * @param offset byte offset within the tensor data section
 * @param bytes exact bytes on disk: elements / block size x bytes per block
 */
public record GgufTensor(String name, List<Long> dims, GgmlType type, long offset, long bytes) {
    public GgufTensor {
        dims = List.copyOf(dims);
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
