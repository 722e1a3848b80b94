package dev.headroom.bench.kernels;

/**
 * IEEE 754 binary16 conversion. Java 17 has no {@code Float.float16ToFloat} (added in Java 20), so
 * decoding goes through a 65,536-entry table (256 KiB, stays in L2) and encoding rounds to nearest.
 */
public final class Half {
    private static final float[] TABLE = new float[1 << 16];

    static {
        for (int h = 0; h < TABLE.length; h++) {
            TABLE[h] = decode((short) h);
        }
    }

    private Half() {
    }

    public static float toFloat(short h) {
        return TABLE[h & 0xFFFF];
    }

    static float decode(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** The nearest binary16 value (round to nearest, ties away from zero; overflow to infinity). */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        float abs = Math.abs(f);
        if (Float.isNaN(f)) {
            return (short) (sign | 0x7E00);
        }
        if (abs >= 65520f) {
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x1p-14f) {
            return (short) (sign | Math.round(abs * 0x1p24f));
        }
        int e = Math.getExponent(abs);
        int mant = Math.round(abs * (float) Math.pow(2, 10 - e)) - 1024;
        if (mant == 1024) {
            mant = 0;
            e++;
        }
        return (short) (sign | ((e + 15) << 10) | mant);
    }

    /** Converts {@code n} halves to floats; the F16-to-F32 benchmark measures this. */
    public static void toFloats(short[] src, int srcOffset, float[] dst, int dstOffset, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOffset + i] = TABLE[src[srcOffset + i] & 0xFFFF];
        }
    }
}
