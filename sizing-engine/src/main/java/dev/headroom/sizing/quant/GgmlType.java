package dev.headroom.sizing.quant;

import java.util.Locale;

/**
 * GGML tensor types with their on-disk block layout: {@code blockSize} weights are stored in
 * {@code bytesPerBlock} bytes. Ids are the {@code ggml_type} enum values written in GGUF tensor infos.
 *
 * <p>Source: ggml/include/ggml.h ({@code enum ggml_type}) and ggml/src/ggml-common.h (the
 * {@code block_q4_0} ... {@code block_iq4_xs} structs): e.g. Q4_0 = fp16 scale + 16 bytes of nibbles =
 * 18 bytes per 32 weights; Q4_K = 2 fp16 + 12 bytes of scales + 128 bytes = 144 bytes per 256.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    /** OCP microscaling FP4: 32 E2M1 weights (16 bytes) share one E8M0 scale byte, 17 bytes per 32 ({@code block_mxfp4}). */
    MXFP4(39, 32, 17);

    private final int id;
    private final int blockSize;
    private final int bytesPerBlock;

    GgmlType(int id, int blockSize, int bytesPerBlock) {
        this.id = id;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** The {@code ggml_type} id stored in GGUF tensor infos. */
    public int id() {
        return id;
    }

    public int blockSize() {
        return blockSize;
    }

    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** Storage bits per weight, e.g. 4.5 for Q4_0 and 8.5 for Q8_0. */
    public double bitsPerWeight() {
        return bytesPerBlock * 8.0 / blockSize;
    }

    /** Whether this is a block-quantized type (a row must be a whole number of blocks). */
    public boolean isQuantized() {
        return blockSize > 1;
    }

    /**
     * Exact bytes of {@code elements} weights stored in rows of {@code rowLength}.
     *
     * @throws IllegalArgumentException if the row length is not a multiple of the block size
     */
    public long bytesFor(long elements, long rowLength) {
        if (elements < 0) {
            throw new IllegalArgumentException("elements: must not be negative, was " + elements);
        }
        if (rowLength % blockSize != 0) {
            throw new IllegalArgumentException("rowLength: " + rowLength + " is not a multiple of the " + this + " block size " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
    }

    /** Whether rows of this length can be stored in this type. */
    public boolean fitsRow(long rowLength) {
        return rowLength % blockSize == 0;
    }

    /** The type with the given GGUF id. */
    public static GgmlType ofId(int id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        throw new IllegalArgumentException("ggml type id: " + id + " is not a known type");
    }

    /** Case-insensitive lookup by name ({@code q4_k} finds {@link #Q4_K}). */
    public static GgmlType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ggml type: '" + name + "' is not a known type", e);
        }
    }
}
