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
    /**
     * Q8_0: one signed byte per weight. Q4_0, K4 and Q4_K: two 4-bit quants per byte (GGML nibble order; Q4_K's
     * {@code qs}, 128 bytes per super-block). Q6_K: the low nibbles ({@code ql}, 128 bytes per super-block).
     */
    final byte[] quants;
    /** Q8_0 / Q4_0: one F16 scale per 32 weights. K4 and Q4_K: d and dmin (2 halves) per 256 weights. Q6_K: d per 256. */
    final short[] scales;
    /**
     * K4: 8-bit sub-block scale and minimum, interleaved, per 32 weights. Q4_K: the 12 bytes per super-block of
     * 6-bit scales and minimums packed as ggml packs them. Q6_K: 16 signed 8-bit scales per super-block.
     */
    final byte[] subScales;
    /** Q6_K only: the high 2 bits of each quant, four per byte ({@code qh}, 64 bytes per super-block). */
    final byte[] high;

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
            case Q4_0, K4, Q4_K, Q6_K -> new byte[count / 2];
            default -> null;
        };
        scales = switch (format) {
            case Q8_0, Q4_0 -> new short[count / 32];
            case K4, Q4_K -> new short[count / 256 * 2];
            case Q6_K -> new short[count / 256];
            default -> null;
        };
        subScales = switch (format) {
            case K4 -> new byte[count / 32 * 2];
            case Q4_K -> new byte[count / 256 * 12];
            case Q6_K -> new byte[count / 256 * 16];
            default -> null;
        };
        high = format == WeightFormat.Q6_K ? new byte[count / 4] : null;
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
        randomBytes(r, quants);
        randomBytes(r, high);
        if (scales != null) {
            for (int i = 0; i < scales.length; i++) {
                scales[i] = Half.fromFloat((float) r.nextDouble(1e-4, 4e-3));
            }
        }
        if (subScales != null) {
            for (int i = 0; i < subScales.length; i++) {
                subScales[i] = switch (format) {
                    case Q4_K -> (byte) r.nextInt(256); // any bit pattern is a valid set of 6-bit scales and minimums
                    case Q6_K -> (byte) r.nextInt(-64, 64);
                    default -> (byte) r.nextInt(64);
                };
            }
        }
    }

    private static void randomBytes(SplittableRandom r, byte[] bytes) {
        if (bytes == null) {
            return;
        }
        for (int i = 0; i + 4 <= bytes.length; i += 4) {
            int bits = r.nextInt();
            bytes[i] = (byte) bits;
            bytes[i + 1] = (byte) (bits >> 8);
            bytes[i + 2] = (byte) (bits >> 16);
            bytes[i + 3] = (byte) (bits >> 24);
        }
    }

    /**
     * Row {@code row} as floats, block by block as ggml's {@code dequantize_row_*} functions define each layout
     * (ggml-quants.c): the reference the kernels are tested against.
     */
    public void dequantizeRow(int row, float[] out) {
        int n = cols;
        int base = row * n;
        switch (format) {
            case F32 -> System.arraycopy(f32, base, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Half.toFloat(f16[base + i]);
                }
            }
            case Q8_0 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = quants[base + i] * Half.toFloat(scales[(base + i) / 32]);
                }
            }
            case Q4_0 -> {
                for (int b = 0; b < n / 32; b++) {
                    float d = Half.toFloat(scales[base / 32 + b]);
                    int q = (base + b * 32) / 2;
                    for (int j = 0; j < 16; j++) {
                        out[b * 32 + j] = ((quants[q + j] & 0xF) - 8) * d;
                        out[b * 32 + 16 + j] = (((quants[q + j] >> 4) & 0xF) - 8) * d;
                    }
                }
            }
            case K4 -> {
                for (int sb = 0; sb < n / 256; sb++) {
                    int global = base / 256 + sb;
                    float d = Half.toFloat(scales[2 * global]);
                    float dmin = Half.toFloat(scales[2 * global + 1]);
                    for (int pair = 0; pair < 4; pair++) {
                        int sub = base / 32 + sb * 8 + pair * 2;
                        int q = (base + sb * 256) / 2 + pair * 32;
                        for (int i = 0; i < 32; i++) {
                            int v = quants[q + i];
                            out[sb * 256 + pair * 64 + i] = d * subScales[2 * sub] * (v & 0xF) - dmin * subScales[2 * sub + 1];
                            out[sb * 256 + pair * 64 + 32 + i] = d * subScales[2 * sub + 2] * ((v >> 4) & 0xF) - dmin * subScales[2 * sub + 3];
                        }
                    }
                }
            }
            case Q4_K -> {
                int[] sc = new int[8];
                int[] mn = new int[8];
                for (int sb = 0; sb < n / 256; sb++) {
                    int global = base / 256 + sb;
                    float d = Half.toFloat(scales[2 * global]);
                    float dmin = Half.toFloat(scales[2 * global + 1]);
                    unpackQ4KScales(subScales, global * 12, sc, mn);
                    int q = global * 128;
                    for (int j = 0; j < 4; j++) {
                        for (int l = 0; l < 32; l++) {
                            int v = quants[q + 32 * j + l];
                            out[sb * 256 + 64 * j + l] = d * sc[2 * j] * (v & 0xF) - dmin * mn[2 * j];
                            out[sb * 256 + 64 * j + 32 + l] = d * sc[2 * j + 1] * ((v >> 4) & 0xF) - dmin * mn[2 * j + 1];
                        }
                    }
                }
            }
            case Q6_K -> {
                for (int sb = 0; sb < n / 256; sb++) {
                    int global = base / 256 + sb;
                    float d = Half.toFloat(scales[global]);
                    for (int h = 0; h < 2; h++) {
                        int ql = global * 128 + 64 * h;
                        int qh = global * 64 + 32 * h;
                        int sc = global * 16 + 8 * h;
                        int o = sb * 256 + 128 * h;
                        for (int l = 0; l < 32; l++) {
                            int is = l / 16;
                            int hb = high[qh + l];
                            out[o + l] = d * subScales[sc + is] * (((quants[ql + l] & 0xF) | ((hb & 3) << 4)) - 32);
                            out[o + l + 32] = d * subScales[sc + is + 2] * (((quants[ql + l + 32] & 0xF) | (((hb >> 2) & 3) << 4)) - 32);
                            out[o + l + 64] = d * subScales[sc + is + 4] * ((((quants[ql + l] >> 4) & 0xF) | (((hb >> 4) & 3) << 4)) - 32);
                            out[o + l + 96] = d * subScales[sc + is + 6] * ((((quants[ql + l + 32] >> 4) & 0xF) | (((hb >> 6) & 3) << 4)) - 32);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("unknown format " + format);
        }
    }

    /**
     * The 8 six-bit scales and 8 six-bit minimums of one Q4_K super-block from its 12 packed bytes at {@code offset}
     * (ggml-quants.c {@code get_scale_min_k4}): sub-blocks 0-3 take the low 6 bits of bytes 0-3 (scales) and 4-7
     * (minimums); sub-blocks 4-7 take a nibble of bytes 8-11 plus the top 2 bits of bytes 0-3 / 4-7.
     */
    static void unpackQ4KScales(byte[] packed, int offset, int[] scale, int[] min) {
        for (int j = 0; j < 4; j++) {
            scale[j] = packed[offset + j] & 63;
            min[j] = packed[offset + j + 4] & 63;
        }
        for (int j = 4; j < 8; j++) {
            int b = packed[offset + j + 4] & 0xFF;
            scale[j] = (b & 0xF) | (((packed[offset + j - 4] & 0xFF) >> 6) << 4);
            min[j] = (b >> 4) | (((packed[offset + j] & 0xFF) >> 6) << 4);
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
