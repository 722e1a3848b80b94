package dev.headroom.catalog.files;

/**
 * ONNX {@code TensorProto.DataType} codes and their storage widths (onnx/onnx.proto3, IR version 10).
 * {@link #isWeight()} says whether initializers of the type count as parameters: floating-point and the
 * small integer types quantized weights use, not INT64/BOOL/STRING (shapes, indices, masks).
 */
public enum OnnxDtype {
    UNDEFINED(0, 0, false), FLOAT(1, 32, true), UINT8(2, 8, true), INT8(3, 8, true), UINT16(4, 16, true), INT16(5, 16, true),
    INT32(6, 32, true), INT64(7, 64, false), STRING(8, 0, false), BOOL(9, 8, false), FLOAT16(10, 16, true), DOUBLE(11, 64, true),
    UINT32(12, 32, true), UINT64(13, 64, false), COMPLEX64(14, 64, true), COMPLEX128(15, 128, true), BFLOAT16(16, 16, true),
    FLOAT8E4M3FN(17, 8, true), FLOAT8E4M3FNUZ(18, 8, true), FLOAT8E5M2(19, 8, true), FLOAT8E5M2FNUZ(20, 8, true),
    UINT4(21, 4, true), INT4(22, 4, true), FLOAT4E2M1(23, 4, true);

    private final int code;
    private final int bits;
    private final boolean weight;

    OnnxDtype(int code, int bits, boolean weight) {
        this.code = code;
        this.bits = bits;
        this.weight = weight;
    }

    public int code() {
        return code;
    }

    /** Bits per element (0 for STRING, whose size is its data). */
    public int bits() {
        return bits;
    }

    public boolean isWeight() {
        return weight;
    }

    /** Bytes of {@code elements} packed values (4-bit types pack two per byte, rounding up). */
    public long bytesFor(long elements) {
        return bits >= 8 ? Math.multiplyExact(elements, (long) (bits / 8)) : (elements + 1) / 2;
    }

    static OnnxDtype of(long code, String where) {
        for (OnnxDtype t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new ModelFileException(where + ": unknown ONNX data_type " + code);
    }
}
