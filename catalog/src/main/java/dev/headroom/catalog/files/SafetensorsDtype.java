package dev.headroom.catalog.files;

import java.util.Locale;

/**
 * Element types of the safetensors format with their storage width in bits.
 *
 * <p>Source: huggingface/safetensors {@code safetensors/src/tensor.rs} ({@code enum Dtype}, {@code bitsize()}):
 * the sub-byte types F4 (e2m1) and F6 are stored packed, so a tensor's bytes are ceil(elements x bits / 8).
 * Packed INT4 (GPTQ/AWQ {@code qweight}) is stored as I32 and counted as I32 here; the logical weight count
 * is recovered from the quantization bits in config.json (see {@link SafetensorsSummary}).
 */
public enum SafetensorsDtype {
    BOOL(8), U8(8), I8(8), F8_E5M2(8), F8_E4M3(8), F8_E8M0(8), F4(4), F6_E2M3(6), F6_E3M2(6),
    I16(16), U16(16), F16(16), BF16(16), I32(32), U32(32), F32(32), F64(64), I64(64), U64(64), C64(64);

    private final int bits;

    SafetensorsDtype(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** Exact bytes of {@code elements} values (rounded up to whole bytes for packed sub-byte types). */
    public long bytesFor(long elements) {
        return Math.addExact(Math.multiplyExact(elements, (long) bits), 7) / 8;
    }

    public boolean isFloat8() {
        return this == F8_E5M2 || this == F8_E4M3 || this == F8_E8M0;
    }

    /** @throws ModelFileException naming the unknown dtype */
    public static SafetensorsDtype parse(String name, String where) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(where + ": dtype '" + truncate(name) + "' is not a safetensors dtype");
        }
    }

    static String truncate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
