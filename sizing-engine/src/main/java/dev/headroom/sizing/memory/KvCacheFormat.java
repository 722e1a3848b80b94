package dev.headroom.sizing.memory;

import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Element formats of a KV cache: {@code blockSize} elements take {@code bytesPerBlock} bytes.
 * Q8_0 = 34 bytes per 32 (1.0625 bytes per element) and Q4_0 = 18 per 32 (0.5625) are llama.cpp's
 * {@code --cache-type-k/-v q8_0|q4_0} (ggml-common.h block layouts); FP8 is vLLM's
 * {@code --kv-cache-dtype fp8} (1 byte per element, E4M3 or E5M2).
 */
public enum KvCacheFormat {
    F32(1, 4),
    F16(1, 2),
    BF16(1, 2),
    FP8(1, 1),
    Q8_0(32, 34),
    Q4_0(32, 18);

    private final int blockSize;
    private final int bytesPerBlock;

    KvCacheFormat(int blockSize, int bytesPerBlock) {
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** Bytes of one row of {@code elements} values (a multiple of the block size, else rounded up to whole blocks). */
    public long rowBytes(long elements) {
        long blocks = (elements + blockSize - 1) / blockSize;
        return Math.multiplyExact(blocks, (long) bytesPerBlock);
    }

    public double bytesPerElement() {
        return (double) bytesPerBlock / blockSize;
    }

    /** The format of a GGML cache type (F32, F16, BF16, Q8_0, Q4_0). */
    public static KvCacheFormat of(GgmlType type) {
        return switch (type) {
            case F32 -> F32;
            case F16 -> F16;
            case BF16 -> BF16;
            case Q8_0 -> Q8_0;
            case Q4_0 -> Q4_0;
            default -> throw new IllegalArgumentException("kv-quant: " + type + " is not a KV cache type; valid: " + names());
        };
    }

    /**
     * Case-insensitive lookup ({@code f16}, {@code fp8}, {@code q8_0}, {@code fp8_e4m3}).
     *
     * @throws IllegalArgumentException listing the valid names and the nearest one
     */
    public static KvCacheFormat parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("kv-quant: missing value; valid: " + String.join(", ", names()));
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (key) {
            case "FP16": case "HALF": return F16;
            case "FP32": return F32;
            case "FP8_E4M3": case "FP8_E5M2": case "E4M3": case "E5M2": return FP8;
            default: break;
        }
        for (KvCacheFormat f : values()) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("kv-quant: unknown '" + text + "'; did you mean " + Names.nearest(key, names())
                + "? valid: " + String.join(", ", names()));
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (KvCacheFormat f : values()) {
            names.add(f.name());
        }
        return names;
    }
}
