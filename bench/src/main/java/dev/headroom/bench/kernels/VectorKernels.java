package dev.headroom.bench.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels ({@code jdk.incubator.vector}, loaded only when that module is resolved).
 * Quantized formats widen 8 quants at a time from bytes to 8 float lanes (256-bit), the shape that
 * Java 17's C2 intrinsifies on AVX2, AVX-512 and NEON alike; F32 uses the widest preferred shape.
 * F16 is widened with integer bit arithmetic (Java 17 has no half-float lane conversion); it assumes
 * finite weights, which model weights are.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
    private static final VectorSpecies<Short> S8 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;

    @Override
    public String name() {
        return "vector-" + WIDE.vectorBitSize();
    }

    @Override
    public float dot(QuantizedMatrix m, int row, float[] x) {
        return switch (m.format) {
            case F32 -> dotF32(m.f32, row * m.cols, x, m.cols);
            case F16 -> dotF16(m.f16, row * m.cols, x, m.cols);
            case Q8_0 -> dotQ8(m, row, x);
            case Q4_0 -> dotQ4(m, row, x);
            case K4 -> dotK4(m, row, x);
            case Q4_K, Q6_K -> ScalarKernels.dequantizedDot(m, row, x);
        };
    }

    static float dotF32(float[] w, int base, float[] x, int n) {
        FloatVector acc = FloatVector.zero(WIDE);
        int i = 0;
        for (; i <= n - WIDE.length(); i += WIDE.length()) {
            acc = FloatVector.fromArray(WIDE, w, base + i).fma(FloatVector.fromArray(WIDE, x, i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += w[base + i] * x[i];
        }
        return s;
    }

    /** Eight halves to eight floats: sign, exponent rebias by 112, mantissa shift by 13; exponent-0 lanes are zero or subnormal. */
    static FloatVector halves(short[] h, int offset) {
        IntVector v = (IntVector) ShortVector.fromArray(S8, h, offset).castShape(I8, 0);
        v = v.and(0xFFFF);
        IntVector sign = v.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        IntVector magnitude = v.and(0x7FFF);
        IntVector normal = magnitude.lanewise(VectorOperators.LSHL, 13).add(112 << 23).or(sign);
        FloatVector f = normal.reinterpretAsFloats();
        VectorMask<Integer> small = magnitude.compare(VectorOperators.LT, 0x0400);
        if (small.anyTrue()) {
            FloatVector sub = ((FloatVector) magnitude.castShape(F8, 0)).mul(0x1p-24f);
            sub = sub.lanewise(VectorOperators.NEG, sign.compare(VectorOperators.NE, 0).cast(F8));
            f = f.blend(sub, small.cast(F8));
        }
        return f;
    }

    static float dotF16(short[] w, int base, float[] x, int n) {
        FloatVector acc = FloatVector.zero(F8);
        for (int i = 0; i < n; i += 8) {
            acc = halves(w, base + i).fma(FloatVector.fromArray(F8, x, i), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector widen(ByteVector b) {
        return (FloatVector) b.castShape(F8, 0);
    }

    static float dotQ8(QuantizedMatrix m, int row, float[] x) {
        int n = m.cols;
        int base = row * n;
        FloatVector acc = FloatVector.zero(F8);
        for (int b = 0; b < n / 32; b++) {
            int q = base + b * 32;
            int xo = b * 32;
            FloatVector block = widen(ByteVector.fromArray(B8, m.quants, q)).mul(FloatVector.fromArray(F8, x, xo));
            block = widen(ByteVector.fromArray(B8, m.quants, q + 8)).fma(FloatVector.fromArray(F8, x, xo + 8), block);
            block = widen(ByteVector.fromArray(B8, m.quants, q + 16)).fma(FloatVector.fromArray(F8, x, xo + 16), block);
            block = widen(ByteVector.fromArray(B8, m.quants, q + 24)).fma(FloatVector.fromArray(F8, x, xo + 24), block);
            acc = block.fma(FloatVector.broadcast(F8, Half.toFloat(m.scales[base / 32 + b])), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    static float dotQ4(QuantizedMatrix m, int row, float[] x) {
        int n = m.cols;
        int base = row * n;
        FloatVector acc = FloatVector.zero(F8);
        for (int b = 0; b < n / 32; b++) {
            int q = (base + b * 32) / 2;
            int xo = b * 32;
            ByteVector v0 = ByteVector.fromArray(B8, m.quants, q);
            ByteVector v1 = ByteVector.fromArray(B8, m.quants, q + 8);
            FloatVector block = widen(v0.and((byte) 0xF).sub((byte) 8)).mul(FloatVector.fromArray(F8, x, xo));
            block = widen(v1.and((byte) 0xF).sub((byte) 8)).fma(FloatVector.fromArray(F8, x, xo + 8), block);
            block = widen(v0.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).fma(FloatVector.fromArray(F8, x, xo + 16), block);
            block = widen(v1.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).fma(FloatVector.fromArray(F8, x, xo + 24), block);
            acc = block.fma(FloatVector.broadcast(F8, Half.toFloat(m.scales[base / 32 + b])), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    static float dotK4(QuantizedMatrix m, int row, float[] x) {
        int n = m.cols;
        int base = row * n;
        FloatVector acc = FloatVector.zero(F8);
        for (int sb = 0; sb < n / 256; sb++) {
            int global = base / 256 + sb;
            float d = Half.toFloat(m.scales[2 * global]);
            float dmin = Half.toFloat(m.scales[2 * global + 1]);
            for (int pair = 0; pair < 4; pair++) {
                int sub = base / 32 + sb * 8 + pair * 2;
                int q = (base + sb * 256) / 2 + pair * 32;
                int xo = sb * 256 + pair * 64;
                FloatVector lo = FloatVector.zero(F8);
                FloatVector hi = FloatVector.zero(F8);
                FloatVector xlo = FloatVector.zero(F8);
                FloatVector xhi = FloatVector.zero(F8);
                for (int c = 0; c < 32; c += 8) {
                    ByteVector v = ByteVector.fromArray(B8, m.quants, q + c);
                    FloatVector a = FloatVector.fromArray(F8, x, xo + c);
                    FloatVector b = FloatVector.fromArray(F8, x, xo + 32 + c);
                    lo = widen(v.and((byte) 0xF)).fma(a, lo);
                    hi = widen(v.lanewise(VectorOperators.LSHR, 4)).fma(b, hi);
                    xlo = xlo.add(a);
                    xhi = xhi.add(b);
                }
                acc = lo.fma(FloatVector.broadcast(F8, d * m.subScales[2 * sub]), acc);
                acc = hi.fma(FloatVector.broadcast(F8, d * m.subScales[2 * sub + 2]), acc);
                acc = xlo.fma(FloatVector.broadcast(F8, -dmin * m.subScales[2 * sub + 1]), acc);
                acc = xhi.fma(FloatVector.broadcast(F8, -dmin * m.subScales[2 * sub + 3]), acc);
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
