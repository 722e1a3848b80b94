package dev.headroom.bench.kernels;

import dev.headroom.sizing.quant.GgmlType;

/**
 * The weight formats the Java kernels implement, with their GGML storage cost. {@link #K4} is a
 * K-quant-like layout: 256-weight super-blocks with an F16 scale and minimum, an 8-bit scale and
 * minimum per 32-weight sub-block, and 4-bit quants (148 bytes per 256 weights, 4.625 bits per weight;
 * llama.cpp's Q4_K packs the sub-block scales into 6 bits for 144 bytes). It is what the float kernels
 * ({@link Kernels}) measure; {@link #Q4_K} and {@link #Q6_K} are llama.cpp's own super-block layouts
 * (ggml-common.h {@code block_q4_K}, {@code block_q6_K}), which the integer kernels ({@link IntegerKernels}) run.
 */
public enum WeightFormat {
    F32(GgmlType.F32, 1, 4),
    F16(GgmlType.F16, 1, 2),
    Q8_0(GgmlType.Q8_0, 32, 34),
    Q4_0(GgmlType.Q4_0, 32, 18),
    K4(GgmlType.Q4_K, 256, 148),
    /** ggml {@code block_q4_K}: F16 d and dmin, 12 bytes of 6-bit sub-block scales and minimums, 128 bytes of nibbles. */
    Q4_K(GgmlType.Q4_K, 256, 144),
    /** ggml {@code block_q6_K}: 128 bytes of low nibbles, 64 bytes of high 2-bit pairs, 16 int8 scales, F16 d. */
    Q6_K(GgmlType.Q6_K, 256, 210);

    private final GgmlType ggmlType;
    private final int blockSize;
    private final int bytesPerBlock;

    WeightFormat(GgmlType ggmlType, int blockSize, int bytesPerBlock) {
        this.ggmlType = ggmlType;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** The GGML type whose decode rate this format stands for in a calibration. */
    public GgmlType ggmlType() {
        return ggmlType;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Bytes a row of {@code columns} weights occupies (columns must be a multiple of the block size). */
    public long rowBytes(int columns) {
        if (columns % blockSize != 0) {
            throw new IllegalArgumentException("columns: must be a multiple of " + blockSize + " for " + this + ", was " + columns);
        }
        return (long) columns / blockSize * bytesPerBlock;
    }
}
