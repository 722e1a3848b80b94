package dev.headroom.catalog.files;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * All safetensors shards of one model, with exact totals.
 *
 * <p>Quantized checkpoints store extra tensors: GPTQ/AWQ pack 32 / bits weights into each I32 of a
 * {@code qweight} and add {@code qzeros}, {@code scales}, {@code g_idx}; FP8 checkpoints add
 * {@code weight_scale}/{@code input_scale} (or {@code weight_scale_inv}) tensors. Those are counted as
 * quantization metadata, not weights, and a packed {@code qweight}'s logical weight count is its I32
 * element count x 32 / {@code packedBits}.
 *
 * @param shards the headers, one per file
 * @param indexTotalBytes {@code metadata.total_size} of the index file, or -1 without an index
 * @param packedBits bits per weight of packed integer weights (from config.json quantization_config), 0 if not quantized
 */
public record SafetensorsModel(List<SafetensorsHeader> shards, long indexTotalBytes, int packedBits) {
    public SafetensorsModel {
        shards = List.copyOf(shards);
        if (packedBits < 0 || packedBits > 32) {
            throw new IllegalArgumentException("packedBits: must be within 0..32, was " + packedBits);
        }
    }

    /** Exact bytes of all tensor data over all shards. */
    public long tensorBytes() {
        long sum = 0;
        for (SafetensorsHeader h : shards) {
            sum = Math.addExact(sum, h.tensorBytes());
        }
        return sum;
    }

    /** Bytes of the files on disk (headers included). */
    public long fileBytes() {
        return shards.stream().mapToLong(SafetensorsHeader::fileBytes).sum();
    }

    public int tensorCount() {
        return shards.stream().mapToInt(h -> h.tensors().size()).sum();
    }

    /** Exact tensor bytes per dtype name, sorted by name. */
    public Map<String, Long> bytesByDtype() {
        Map<String, Long> out = new TreeMap<>();
        forEach((t) -> out.merge(t.dtype().name(), t.bytes(), Math::addExact));
        return out;
    }

    /** Bytes of quantization metadata tensors (zeros, scales, group indices). */
    public long quantizationMetadataBytes() {
        long[] sum = {0};
        forEach(t -> {
            if (isQuantizationMetadata(t.name())) {
                sum[0] += t.bytes();
            }
        });
        return sum[0];
    }

    /** Logical weight count: packed weights expanded by 32 / packedBits, quantization metadata excluded. */
    public long weightParameters() {
        long[] sum = {0};
        forEach(t -> {
            if (isQuantizationMetadata(t.name())) {
                return;
            }
            long n = t.elements();
            if (packedBits > 0 && t.name().endsWith(".qweight") && t.dtype().bits() == 32) {
                n = Math.multiplyExact(n, 32L / packedBits);
            }
            sum[0] = Math.addExact(sum[0], n);
        });
        return sum[0];
    }

    /** Whether the index's total_size matches the tensor bytes (true without an index). */
    public boolean indexConsistent() {
        return indexTotalBytes < 0 || indexTotalBytes == tensorBytes();
    }

    static boolean isQuantizationMetadata(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".qzeros") || n.endsWith(".scales") || n.endsWith(".g_idx") || n.endsWith("_scale")
                || n.endsWith("_scale_inv") || n.endsWith(".absmax") || n.endsWith(".quant_map") || n.contains(".quant_state.");
    }

    private void forEach(java.util.function.Consumer<SafetensorsTensor> c) {
        for (SafetensorsHeader h : shards) {
            h.tensors().forEach(c);
        }
    }
}
