package dev.headroom.bench.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link IntegerKernels} with the Vector API ({@code jdk.incubator.vector}, loaded only when that module is resolved),
 * following llama.cpp's AVX2 dot products (ggml-cpu/arch/x86/quants.c): 16 weight quants at a time are widened from
 * bytes to 16-bit lanes and multiplied with the (pre-widened) activation quants, adjacent products are summed into
 * 32-bit lanes (what {@code _mm256_madd_epi16} does), and each block's integer lane sums are converted to float and
 * multiplied by the block's two scales into a float accumulator. The K-quants read 4 weight bytes per int lane and meet
 * activations rearranged once per product to match ({@link Activations}); sub-block scales multiply the 32-bit sums,
 * the Q4_K minimums and the Q6_K offset go through the Q8_K block sums, once per 256 weights. All shapes are 128- and 256-bit, which Java 17's
 * C2 compiles to single instructions on AVX2, AVX-512 and NEON alike. F16 weights are widened to float with integer
 * bit arithmetic at the preferred width (Java 17 has no half-float lane conversion).
 */
public final class IntegerVectorKernels implements IntegerKernels {
    private static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
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
        ROWS[m.format.ordinal()].rows(m, x, out, from, to);
    }

    /** One format's row loop. */
    @FunctionalInterface
    private interface Rows {
        void rows(QuantizedMatrix m, Activations x, float[] out, int from, int to);
    }

    /**
     * The row loop of each format, one class each, called through an interface: once several formats have run, the
     * call in {@link #matVec} is megamorphic and C2 compiles each format's loop on its own. (With one switch over the
     * formats, C2 inlined every format's kernel into {@code matVec}, passed its node-count inlining cutoff and left
     * the K-quant kernels' vector operations as calls on boxed vectors: measured Q4_K 13 and Q6_K 3 GFLOP/s.)
     */
    private static final Rows[] ROWS = rows();

    private static Rows[] rows() {
        Rows[] rows = new Rows[WeightFormat.values().length];
        rows[WeightFormat.F32.ordinal()] = (m, x, out, from, to) -> {
            for (int r = from; r < to; r++) {
                out[r] = VectorKernels.dotF32(m.f32, r * m.cols, x.values, m.cols);
            }
        };
        rows[WeightFormat.F16.ordinal()] = (m, x, out, from, to) -> {
            for (int r = from; r < to; r++) {
                out[r] = dotF16(m.f16, r * m.cols, x.values, m.cols);
            }
        };
        rows[WeightFormat.Q8_0.ordinal()] = (m, x, out, from, to) -> {
            for (int r = from; r < to; r++) {
                out[r] = dotQ8(m, r, x);
            }
        };
        rows[WeightFormat.Q4_0.ordinal()] = (m, x, out, from, to) -> {
            for (int r = from; r < to; r++) {
                out[r] = dotQ4(m, r, x);
            }
        };
        rows[WeightFormat.Q4_K.ordinal()] = (m, x, out, from, to) -> {
            for (int r = from; r < to; r++) {
                out[r] = dotQ4K(m, r, x);
            }
        };
        rows[WeightFormat.Q6_K.ordinal()] = (m, x, out, from, to) -> {
            for (int r = from; r < to; r++) {
                out[r] = dotQ6K(m, r, x);
            }
        };
        rows[WeightFormat.K4.ordinal()] = (m, x, out, from, to) -> {
            throw new IllegalArgumentException("K4 has no integer kernel (llama.cpp's Q4_K layout is WeightFormat.Q4_K)");
        };
        return rows;
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
            ShortVector p = ((ShortVector) ByteVector.fromArray(B16, m.quants, q).castShape(S16, 0)).mul(ShortVector.fromArray(S16, x.q, b * 32))
                    .add(((ShortVector) ByteVector.fromArray(B16, m.quants, q + 16).castShape(S16, 0)).mul(ShortVector.fromArray(S16, x.q, b * 32 + 16)));
            IntVector pi = p.reinterpretAsInts();
            IntVector sums = pi.lanewise(VectorOperators.ASHR, 16).add(pi.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
            float scale = Half.toFloat(m.scales[base / 32 + b]) * x.d[b];
            acc = ((FloatVector) sums.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, scale), acc);
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
            ShortVector lo = (ShortVector) v.and((byte) 0xF).sub((byte) 8).castShape(S16, 0);
            ShortVector hi = (ShortVector) v.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).castShape(S16, 0);
            ShortVector p = lo.mul(ShortVector.fromArray(S16, x.q, b * 32)).add(hi.mul(ShortVector.fromArray(S16, x.q, b * 32 + 16)));
            IntVector pi = p.reinterpretAsInts();
            IntVector sums = pi.lanewise(VectorOperators.ASHR, 16).add(pi.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
            float scale = Half.toFloat(m.scales[base / 32 + b]) * x.d[b];
            acc = ((FloatVector) sums.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F8, scale), acc);
        }
        return keep(acc.reduceLanes(VectorOperators.ADD), touched);
    }



    /**
     * Q4_K x Q8_K: each 32-byte chunk of nibbles (low nibbles sub-block 2j, high nibbles 2j+1) is loaded as 8 int lanes;
     * the nibble of byte b in every lane is one shift and mask, multiplied with the activations in
     * {@link Activations#lanes} order and summed in int lanes per sub-block, which then take their 6-bit scales; the
     * super-block's int sums are converted once and multiplied by d x d8 (as llama.cpp's AVX2 kernel), the minimums
     * applied as dmin x d8 x sum(min x bsums) in scalars.
     */
    static float dotQ4K(QuantizedMatrix m, int row, Activations x) {
        int blocks = m.cols / 256;
        float sum = 0;
        byte[] qs = m.quants;
        byte[] sc = m.subScales;
        int[] bs = x.bsums;
        int last = qs.length - 1;
        int touched = 0;
        for (int sb = 0; sb < blocks; sb++) {
            int global = row * blocks + sb;
            int o = global * 12;
            touched += qs[Math.min(global * 128 + AHEAD, last)];
            // llama.cpp's unpacking of the 12 bytes (ggml-cpu/arch/x86/quants.c, kmask1-3): the 8 scales as the bytes
            // of two ints, the 8 minimums as the bytes of two more
            int u0 = (int) INT_LE.get(sc, o);
            int u1 = (int) INT_LE.get(sc, o + 4);
            int u2 = (int) INT_LE.get(sc, o + 8);
            int scales0 = u0 & 0x3F3F3F3F;
            int scales1 = (u2 & 0x0F0F0F0F) | (((u0 >>> 6) & 0x03030303) << 4);
            int mins0 = u1 & 0x3F3F3F3F;
            int mins1 = ((u2 >>> 4) & 0x0F0F0F0F) | (((u1 >>> 6) & 0x03030303) << 4);
            int g = sb * 16;
            int mins = 0;
            for (int k = 0; k < 4; k++) {
                mins += ((mins0 >>> 8 * k) & 0xFF) * (bs[g + 2 * k] + bs[g + 2 * k + 1])
                        + ((mins1 >>> 8 * k) & 0xFF) * (bs[g + 8 + 2 * k] + bs[g + 9 + 2 * k]);
            }
            float dy = x.d[sb];
            sum += Half.toFloat(m.scales[2 * global]) * dy * superQ4K(qs, global * 128, scales0, scales1, x.lanes, sb * 256)
                    - Half.toFloat(m.scales[2 * global + 1]) * dy * mins;
        }
        return keep(sum, touched);
    }

    private static final java.lang.invoke.VarHandle INT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * One Q4_K super-block's sum of scale x (quant . activation) over its 8 sub-blocks, in ints; {@code scales0} and
     * {@code scales1} hold the 6-bit scales of sub-blocks 0-3 and 4-7 as bytes.
     */
    private static int superQ4K(byte[] qs, int q, int scales0, int scales1, int[] act, int a) {
        IntVector sum = IntVector.zero(I8);
        for (int j = 0; j < 4; j++) {
            IntVector v = ByteVector.fromArray(B32, qs, q + 32 * j).reinterpretAsInts();
            int p = a + 64 * j;
            int packed = j < 2 ? scales0 >>> 16 * j : scales1 >>> 16 * (j - 2);
            IntVector lo = v.and(0xF).mul(IntVector.fromArray(I8, act, p))
                    .add(v.lanewise(VectorOperators.LSHR, 8).and(0xF).mul(IntVector.fromArray(I8, act, p + 8)))
                    .add(v.lanewise(VectorOperators.LSHR, 16).and(0xF).mul(IntVector.fromArray(I8, act, p + 16)))
                    .add(v.lanewise(VectorOperators.LSHR, 24).and(0xF).mul(IntVector.fromArray(I8, act, p + 24)));
            IntVector hi = v.lanewise(VectorOperators.LSHR, 4).and(0xF).mul(IntVector.fromArray(I8, act, p + 32))
                    .add(v.lanewise(VectorOperators.LSHR, 12).and(0xF).mul(IntVector.fromArray(I8, act, p + 40)))
                    .add(v.lanewise(VectorOperators.LSHR, 20).and(0xF).mul(IntVector.fromArray(I8, act, p + 48)))
                    .add(v.lanewise(VectorOperators.LSHR, 28).mul(IntVector.fromArray(I8, act, p + 56)));
            sum = sum.add(lo.mul(packed & 0xFF)).add(hi.mul((packed >>> 8) & 0xFF));
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /** Lanes 4-7 of 8: the second 16-weight sub-block of a 32-weight group (int lane i sums weights 4i..4i+3). */
    private static final VectorMask<Integer> UPPER = VectorMask.fromLong(I8, 0xF0);

    /**
     * Q6_K x Q8_K: per 128-weight half, the 32 low-nibble bytes of each 64 ({@code ql}) and the 32 high-bit bytes
     * ({@code qh}) are loaded as 8 int lanes and combined bytewise into four 6-bit quant words (groups of 32 weights:
     * low nibbles of ql[0..31] | qh bits 0-1, of ql[32..63] | bits 2-3, high nibbles | bits 4-5 and 6-7); each byte
     * group's 32 quants are multiplied in 16-bit lanes with the {@link Activations#evenOdd} activations. Lanes 0-3 and
     * 4-7 of a group's int sums are its two 16-weight sub-blocks: they take the int8 scales lane-wise. The offset of 32
     * is applied as 32 x sum(scale x bsums) per super-block (llama.cpp's AVX2 kernel does the same).
     */
    static float dotQ6K(QuantizedMatrix m, int row, Activations x) {
        int blocks = m.cols / 256;
        float sum = 0;
        byte[] ql = m.quants;
        byte[] sc = m.subScales;
        int[] bs = x.bsums;
        int last = ql.length - 1;
        int touched = 0;
        for (int sb = 0; sb < blocks; sb++) {
            int global = row * blocks + sb;
            touched += ql[Math.min(global * 128 + AHEAD, last)];
            int offset = 0;
            for (int i = 0; i < 16; i++) {
                offset += sc[global * 16 + i] * bs[sb * 16 + i];
            }
            int dot = 0;
            for (int h = 0; h < 2; h++) { // one call site: C2 inlines it once, within its node-count cutoff
                dot += halfQ6K(m, global, h, x.evenOdd, sb * 256 + 128 * h);
            }
            sum += Half.toFloat(m.scales[global]) * x.d[sb] * (dot - 32 * offset);
        }
        return keep(sum, touched);
    }

    /**
     * One 128-weight half of a Q6_K super-block: sum of scale x (unsigned 6-bit quant . activation), in ints. For each
     * 32 bytes of ql (kk = 0, 1), the low nibbles with qh bits 2kk, 2kk+1 are group kk and the high nibbles with bits
     * 2kk+4, 2kk+5 group kk+2, built bytewise in int lanes; each group's 32 quants are then read as 16 short lanes
     * (even bytes masked, odd bytes shifted down), multiplied with the {@link Activations#evenOdd} activations, the two
     * products summed in 16 bits (63 x 127 x 2 fits) and adjacent lanes into ints, so that lanes 0-3 and 4-7 are the
     * group's two 16-weight sub-blocks and take their int8 scales lane-wise. (The loop keeps the method within JDK 17
     * C2's node-count inlining cutoff: written out, the vectors are boxed.)
     */
    private static int halfQ6K(QuantizedMatrix m, int global, int h, short[] act, int o) {
        int l = global * 128 + 64 * h;
        IntVector hb = ByteVector.fromArray(B32, m.high, global * 64 + 32 * h).reinterpretAsInts();
        byte[] sc = m.subScales;
        int s = global * 16 + 8 * h;
        IntVector sum = IntVector.zero(I8);
        for (int kk = 0; kk < 2; kk++) {
            IntVector src = ByteVector.fromArray(B32, m.quants, l + 32 * kk).reinterpretAsInts();
            IntVector hk = hb.lanewise(VectorOperators.LSHR, 2 * kk);
            IntVector lowW = src.and(0x0F0F0F0F).or(hk.lanewise(VectorOperators.LSHL, 4).and(0x30303030));
            IntVector highW = src.lanewise(VectorOperators.LSHR, 4).and(0x0F0F0F0F).or(hk.and(0x30303030));
            int k = kk;
            ShortVector w = lowW.reinterpretAsShorts();
            IntVector p = w.and((short) 0xFF).mul(ShortVector.fromArray(S16, act, o + 32 * k))
                    .add(w.lanewise(VectorOperators.LSHR, 8).mul(ShortVector.fromArray(S16, act, o + 32 * k + 16))).reinterpretAsInts();
            sum = sum.add(p.lanewise(VectorOperators.ASHR, 16).add(p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                    .mul(IntVector.broadcast(I8, sc[s + 2 * k]).blend(sc[s + 2 * k + 1], UPPER)));
            k = kk + 2;
            w = highW.reinterpretAsShorts();
            p = w.and((short) 0xFF).mul(ShortVector.fromArray(S16, act, o + 32 * k))
                    .add(w.lanewise(VectorOperators.LSHR, 8).mul(ShortVector.fromArray(S16, act, o + 32 * k + 16))).reinterpretAsInts();
            sum = sum.add(p.lanewise(VectorOperators.ASHR, 16).add(p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                    .mul(IntVector.broadcast(I8, sc[s + 2 * k]).blend(sc[s + 2 * k + 1], UPPER)));
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

}
