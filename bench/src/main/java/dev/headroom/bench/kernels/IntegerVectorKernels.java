package dev.headroom.bench.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link IntegerKernels} with the Vector API ({@code jdk.incubator.vector}, loaded only when that module is resolved),
 * following llama.cpp's AVX2 dot products (ggml-cpu/arch/x86/quants.c): 16 weight quants at a time are widened from
 * bytes to 16-bit lanes and multiplied with the (pre-widened) activation quants, adjacent products are summed into
 * 32-bit lanes (what {@code _mm256_madd_epi16} does), and each block's integer lane sums are converted to float and
 * multiplied by the block's two scales into a float accumulator. K-quant sub-block scales multiply the 32-bit sums; the
 * Q4_K minimums go through the Q8_K block sums, once per 256 weights. All shapes are 128- and 256-bit, which Java 17's
 * C2 compiles to single instructions on AVX2, AVX-512 and NEON alike. F16 weights are widened to float with integer
 * bit arithmetic at the preferred width (Java 17 has no half-float lane conversion).
 */
public final class IntegerVectorKernels implements IntegerKernels {
    private static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> FW = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IW = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SW = VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, FW.vectorBitSize() / 2)));

    /**
     * Bytes ahead in the weight quants that each block loop touches with one scalar load. On this project's Zen 5 VM, a
     * Vector API loop streaming a byte array from DRAM read at about 10 GB/s with one thread where scalar loads of the
     * same array read at 25-30 GB/s (JDK 17.0.15); the scalar load a kilobyte ahead brings the line in early, as
     * llama.cpp's compiled loops get from the hardware prefetcher (measured: Q8_0 matrix-vector from 10 to 18 GB/s).
     */
    static final int AHEAD = 1024;

    /** Keeps the touch loads alive: the sum of touched bytes can never be this value's check in practice, but C2 cannot know. */
    private static float keep(float result, int touched) {
        return touched == Integer.MIN_VALUE ? result + 1 : result;
    }

    @Override
    public String name() {
        return "int-vector-256";
    }

    @Override
    public void matVec(QuantizedMatrix m, Activations x, float[] out, int from, int to) {
        IntegerKernels.check(m, x, out, from, to);
        switch (m.format) {
            case F32 -> {
                for (int r = from; r < to; r++) {
                    out[r] = VectorKernels.dotF32(m.f32, r * m.cols, x.values, m.cols);
                }
            }
            case F16 -> {
                for (int r = from; r < to; r++) {
                    out[r] = dotF16(m.f16, r * m.cols, x.values, m.cols);
                }
            }
            case Q8_0 -> {
                for (int r = from; r < to; r++) {
                    out[r] = dotQ8(m, r, x);
                }
            }
            case Q4_0 -> {
                for (int r = from; r < to; r++) {
                    out[r] = dotQ4(m, r, x);
                }
            }
            case Q4_K -> {
                for (int r = from; r < to; r++) {
                    out[r] = dotQ4K(m, r, x);
                }
            }
            case Q6_K -> {
                for (int r = from; r < to; r++) {
                    out[r] = dotQ6K(m, r, x);
                }
            }
            case K4 -> throw new IllegalArgumentException("K4 has no integer kernel (llama.cpp's Q4_K layout is WeightFormat.Q4_K)");
        }
    }

    /** Adjacent 16-bit lanes summed into 32-bit lanes: {@code _mm256_madd_epi16(p, 1)} from shifts. */
    private static IntVector pairs(ShortVector p) {
        IntVector v = p.reinterpretAsInts();
        return v.lanewise(VectorOperators.ASHR, 16).add(v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
    }

    private static ShortVector widen(ByteVector b) {
        return (ShortVector) b.castShape(S16, 0);
    }

    private static ShortVector act(Activations x, int offset) {
        return ShortVector.fromArray(S16, x.q, offset);
    }

    /**
     * Halves to floats exactly (normal and subnormal; weights are finite): the magnitude shifted into a float's
     * exponent and mantissa and multiplied by 2^112 rebiases the exponent, then the sign bit is put back.
     */
    static float dotF16(short[] w, int base, float[] x, int n) {
        FloatVector acc = FloatVector.zero(FW);
        int step = FW.length();
        int i = 0;
        for (; i <= n - step; i += step) {
            IntVector v = (IntVector) ShortVector.fromArray(SW, w, base + i).castShape(IW, 0);
            FloatVector magnitude = v.and(0x7FFF).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f);
            FloatVector f = magnitude.reinterpretAsInts().or(v.and(0x8000_0000)).reinterpretAsFloats();
            acc = f.fma(FloatVector.fromArray(FW, x, i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += Half.toFloat(w[base + i]) * x[i];
        }
        return s;
    }

    /** Q8_0 x Q8_0: 32 products per block in 16-bit lanes (|w|,|a| <= 128, 127: two products fit in a short). */
    static float dotQ8(QuantizedMatrix m, int row, Activations x) {
        int n = m.cols;
        int base = row * n;
        FloatVector acc = FloatVector.zero(F8);
        int last = m.quants.length - 1;
        int touched = 0;
        for (int b = 0; b < n / 32; b++) {
            int q = base + b * 32;
            touched += m.quants[Math.min(q + AHEAD, last)];
            ShortVector p = widen(ByteVector.fromArray(B16, m.quants, q)).mul(act(x, b * 32))
                    .add(widen(ByteVector.fromArray(B16, m.quants, q + 16)).mul(act(x, b * 32 + 16)));
            float scale = Half.toFloat(m.scales[base / 32 + b]) * x.d[b];
            acc = ((FloatVector) pairs(p).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, scale), acc);
        }
        return keep(acc.reduceLanes(VectorOperators.ADD), touched);
    }

    /** Q4_0 x Q8_0: nibbles minus 8 (low nibble j pairs activation j, high nibble activation j + 16). */
    static float dotQ4(QuantizedMatrix m, int row, Activations x) {
        int n = m.cols;
        int base = row * n;
        FloatVector acc = FloatVector.zero(F8);
        int last = m.quants.length - 1;
        int touched = 0;
        for (int b = 0; b < n / 32; b++) {
            if ((b & 3) == 0) {
                touched += m.quants[Math.min((base + b * 32) / 2 + AHEAD, last)];
            }
            ByteVector v = ByteVector.fromArray(B16, m.quants, (base + b * 32) / 2);
            ShortVector lo = widen(v.and((byte) 0xF).sub((byte) 8));
            ShortVector hi = widen(v.lanewise(VectorOperators.LSHR, 4).sub((byte) 8));
            ShortVector p = lo.mul(act(x, b * 32)).add(hi.mul(act(x, b * 32 + 16)));
            float scale = Half.toFloat(m.scales[base / 32 + b]) * x.d[b];
            acc = ((FloatVector) pairs(p).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, scale), acc);
        }
        return keep(acc.reduceLanes(VectorOperators.ADD), touched);
    }

    /**
     * Q4_K x Q8_K, one loop over 64-weight chunks (32 bytes: low nibbles are sub-block 2j, high nibbles 2j+1): each
     * sub-block's 32-bit lane sums are converted and multiplied by d x d8 x its 6-bit scale into the float accumulator;
     * the minimums, dmin x d8 x min x (sum of the Q8_K block sums), in scalars. (Written as one flat loop like Q4_0:
     * with the super-block's integer sum carried across an inner loop, JDK 17's C2 boxed the vectors, 7 GFLOP/s.)
     */
    static float dotQ4K(QuantizedMatrix m, int row, Activations x) {
        int blocks = m.cols / 256;
        FloatVector acc = FloatVector.zero(F8);
        float minimums = 0;
        byte[] sc = m.subScales;
        int[] bs = x.bsums;
        int last = m.quants.length - 1;
        int touched = 0;
        for (int c = 0; c < blocks * 4; c++) {
            int sb = c >> 2;
            int j = c & 3;
            int global = row * blocks + sb;
            int o = global * 12;
            int q = global * 128 + 32 * j;
            int a = sb * 256 + 64 * j;
            if ((j & 1) == 0) {
                touched += m.quants[Math.min(q + AHEAD, last)];
            }
            int packedLo = scaleMin(sc, o, 2 * j);
            int packedHi = scaleMin(sc, o, 2 * j + 1);
            float dy = x.d[sb];
            float d = Half.toFloat(m.scales[2 * global]) * dy;
            int g = sb * 16 + 4 * j;
            minimums += Half.toFloat(m.scales[2 * global + 1]) * dy
                    * ((packedLo >> 8) * (bs[g] + bs[g + 1]) + (packedHi >> 8) * (bs[g + 2] + bs[g + 3]));
            ByteVector v0 = ByteVector.fromArray(B16, m.quants, q);
            ByteVector v1 = ByteVector.fromArray(B16, m.quants, q + 16);
            ShortVector lo = widen(v0.and((byte) 0xF)).mul(act(x, a)).add(widen(v1.and((byte) 0xF)).mul(act(x, a + 16)));
            ShortVector hi = widen(v0.lanewise(VectorOperators.LSHR, 4)).mul(act(x, a + 32))
                    .add(widen(v1.lanewise(VectorOperators.LSHR, 4)).mul(act(x, a + 48)));
            acc = ((FloatVector) pairs(lo).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, d * (packedLo & 0xFF)), acc);
            acc = ((FloatVector) pairs(hi).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, d * (packedHi & 0xFF)), acc);
        }
        return keep(acc.reduceLanes(VectorOperators.ADD) - minimums, touched);
    }

    /** ggml-quants.c {@code get_scale_min_k4}: sub-block {@code k}'s 6-bit scale (low byte) and minimum (next byte). */
    private static int scaleMin(byte[] q, int o, int k) {
        if (k < 4) {
            return (q[o + k] & 63) | ((q[o + k + 4] & 63) << 8);
        }
        int b = q[o + k + 4] & 0xFF;
        return ((b & 0xF) | (((q[o + k - 4] & 0xFF) >> 6) << 4)) | (((b >> 4) | (((q[o + k] & 0xFF) >> 6) << 4)) << 8);
    }

    /**
     * Q6_K x Q8_K, one loop over 64-weight parts (16 columns of the four 32-weight groups of a 128-weight half): quants
     * (low nibble | 2 high bits << 4) - 32, each 16 products' lane sums times d x d8 x its signed 8-bit scale.
     */
    static float dotQ6K(QuantizedMatrix m, int row, Activations x) {
        int blocks = m.cols / 256;
        FloatVector acc = FloatVector.zero(F8);
        byte[] sc = m.subScales;
        int last = m.quants.length - 1;
        int touched = 0;
        for (int c = 0; c < blocks * 4; c++) {
            int sb = c >> 2;
            int h = (c >> 1) & 1;
            int l = 16 * (c & 1);
            int global = row * blocks + sb;
            int ql = global * 128 + 64 * h + l;
            int qh = global * 64 + 32 * h + l;
            int s = global * 16 + 8 * h + (l >> 4);
            int o = sb * 256 + 128 * h + l;
            touched += m.quants[Math.min(ql + AHEAD, last)];
            float d = Half.toFloat(m.scales[global]) * x.d[sb];
            ByteVector a = ByteVector.fromArray(B16, m.quants, ql);
            ByteVector b = ByteVector.fromArray(B16, m.quants, ql + 32);
            ByteVector hb = ByteVector.fromArray(B16, m.high, qh);
            // the high bits are placed in 16-bit lanes: x86 has no byte shift left, and C2 (JDK 17) boxes one
            ShortVector hs = widen(hb).and((short) 0xFF);
            ShortVector q1 = widen(a.and((byte) 0xF)).or(hs.and((short) 3).lanewise(VectorOperators.LSHL, 4)).sub((short) 32);
            ShortVector q2 = widen(b.and((byte) 0xF)).or(hs.and((short) 0xC).lanewise(VectorOperators.LSHL, 2)).sub((short) 32);
            ShortVector q3 = widen(a.lanewise(VectorOperators.LSHR, 4)).or(hs.and((short) 0x30)).sub((short) 32);
            ShortVector q4 = widen(b.lanewise(VectorOperators.LSHR, 4)).or(hs.lanewise(VectorOperators.LSHR, 2).and((short) 0x30)).sub((short) 32);
            acc = ((FloatVector) pairs(q1.mul(act(x, o))).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, d * sc[s]), acc);
            acc = ((FloatVector) pairs(q2.mul(act(x, o + 32))).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, d * sc[s + 2]), acc);
            acc = ((FloatVector) pairs(q3.mul(act(x, o + 64))).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, d * sc[s + 4]), acc);
            acc = ((FloatVector) pairs(q4.mul(act(x, o + 96))).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, d * sc[s + 6]), acc);
        }
        return keep(acc.reduceLanes(VectorOperators.ADD), touched);
    }
}
