package dev.taskspace.internal;

/**
 * IEEE 754 half precision (binary16), as numpy's {@code float16}: conversion from float32
 * rounds to the nearest half, ties to even (as {@code numpy.float16(x)} and Java 20's
 * {@code Float.floatToFloat16}); conversion back is exact. Java 17 has neither, hence this class.
 */
public final class Float16 {
    /** Every half's float value, indexed by its 16 bits: reading is one lookup. */
    private static final float[] TO_FLOAT = new float[1 << 16];

    static {
        for (int h = 0; h < TO_FLOAT.length; h++) TO_FLOAT[h] = compute(h);
    }

    private Float16() {}

    /** The half nearest to {@code f} (ties to even), as its 16 bits; overflow gives infinity, NaN stays NaN. */
    public static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int e = (x >>> 23) & 0xff;
        int m = x & 0x7fffff;
        if (e == 0xff) return (short) (sign | 0x7c00 | (m != 0 ? 0x200 | (m >>> 13) : 0)); // infinity, or a quiet NaN
        int he = e - 127 + 15;
        if (he >= 0x1f) return (short) (sign | 0x7c00);
        if (he <= 0) { // a half subnormal (or zero): round(|f| / 2^-24), |f| = (m | 2^23) x 2^(e - 150)
            int s = 126 - e;
            if (s > 25) return (short) sign; // below 2^-25: rounds to zero
            int full = m | 0x800000;
            int q = full >>> s;
            int r = full & ((1 << s) - 1);
            int half = 1 << (s - 1);
            if (r > half || (r == half && (q & 1) == 1)) q++; // may carry into the smallest normal: still right
            return (short) (sign | q);
        }
        int q = (he << 10) | (m >>> 13);
        int r = m & 0x1fff;
        if (r > 0x1000 || (r == 0x1000 && (q & 1) == 1)) q++; // a carry into the exponent is right, up to infinity
        return (short) (sign | q);
    }

    /** The float value of a half given by its 16 bits (exact). */
    public static float toFloat(short h) {
        return TO_FLOAT[h & 0xffff];
    }

    private static float compute(int h) {
        int sign = (h & 0x8000) << 16;
        int e = (h >>> 10) & 0x1f;
        int m = h & 0x3ff;
        if (e == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (m << 13));
        if (e == 0) {
            float v = m * 0x1p-24f; // exact: m < 2^10
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((e - 15 + 127) << 23) | (m << 13));
    }
}
