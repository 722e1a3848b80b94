package dev.headroom.bench.kernels;

import java.util.SplittableRandom;

/**
 * A row-major weight matrix stored in one {@link WeightFormat} with the same bytes per weight as its
 * GGML block layout. Blocks are kept as parallel arrays (quants, F16 scales) rather than interleaved
 * structs, which Java reads faster and which streams the same number of bytes.
 */
public final class QuantizedMatrix {
    final WeightFormat format;
    final int rows;
    final int cols;
    final float[] f32;
    final short[] f16;
    /** Q8_0: one signed byte per weight. Q4_0 and K4: two 4-bit quants per byte (GGML nibble order). */
    final byte[] quants;
    /** Q8_0 / Q4_0: one F16 scale per 32 weights. K4: scale and minimum (2 halves) per 256 weights. */
    final short[] scales;
    /** K4 only: 8-bit sub-block scale and minimum, interleaved, per 32 weights. */
    final byte[] subScales;

    private QuantizedMatrix(WeightFormat format, int rows, int cols, SplittableRandom random) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("rows and cols: must be positive, were " + rows + " x " + cols);
        }
        format.rowBytes(cols);
        this.format = format;
        this.rows = rows;
        this.cols = cols;
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("rows x cols: at most 2^31 weights, was " + n);
        }
        int count = (int) n;
        f32 = format == WeightFormat.F32 ? new float[count] : null;
        f16 = format == WeightFormat.F16 ? new short[count] : null;
        quants = switch (format) {
            case Q8_0 -> new byte[count];
            case Q4_0, K4 -> new byte[count / 2];
            default -> null;
        };
        scales = switch (format) {
            case Q8_0, Q4_0 -> new short[count / 32];
            case K4 -> new short[count / 256 * 2];
            default -> null;
        };
        subScales = format == WeightFormat.K4 ? new byte[count / 32 * 2] : null;
        fill(random);
    }

    /** A matrix of random weights of realistic magnitude (about N(0, 0.02), as in initialised transformers). */
    public static QuantizedMatrix random(WeightFormat format, int rows, int cols, long seed) {
        return new QuantizedMatrix(format, rows, cols, new SplittableRandom(seed));
    }

    private void fill(SplittableRandom r) {
        // Random sign, mantissa and an exponent giving magnitudes 2^-10..2^-5, built from bits: filling a
        // billion weights through nextDouble and a float-to-half conversion would take longer than the benchmark.
        if (f32 != null) {
            for (int i = 0; i < f32.length; i++) {
                int bits = r.nextInt();
                f32[i] = Float.intBitsToFloat((bits & 0x8000_0000) | ((117 + ((bits >>> 23) % 6 & 7)) << 23) | (bits & 0x7F_FFFF));
            }
        }
        if (f16 != null) {
            for (int i = 0; i < f16.length; i++) {
                int bits = r.nextInt();
                f16[i] = (short) ((bits & 0x8000) | ((5 + ((bits >>> 16) & 0xFFFF) % 6) << 10) | (bits & 0x3FF));
            }
        }
        if (quants != null) {
            for (int i = 0; i + 4 <= quants.length; i += 4) {
                int bits = r.nextInt();
                quants[i] = (byte) bits;
                quants[i + 1] = (byte) (bits >> 8);
                quants[i + 2] = (byte) (bits >> 16);
                quants[i + 3] = (byte) (bits >> 24);
            }
        }
        if (scales != null) {
            for (int i = 0; i < scales.length; i++) {
                scales[i] = Half.fromFloat((float) r.nextDouble(1e-4, 4e-3));
            }
        }
        if (subScales != null) {
            for (int i = 0; i < subScales.length; i++) {
                subScales[i] = (byte) r.nextInt(64);
            }
        }
    }

    public WeightFormat format() {
        return format;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Bytes a matrix-vector product streams from memory. */
    public long bytes() {
        return rows * format.rowBytes(cols);
    }
}
