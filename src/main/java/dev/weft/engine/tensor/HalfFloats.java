package dev.weft.engine.tensor;

/**
 * Conversions between fp32 and the 16-bit and 8-bit float formats found in checkpoints.
 * Pure Java so that half and bfloat16 data never reach DJL in those types (bf16 ops crash the
 * JVM there and fp16 CPU kernels are slow): everything is widened to fp32 first.
 */
public final class HalfFloats {
    private static final float[] HALF_TO_FLOAT = new float[65536];
    private static final float[] E4M3_TO_FLOAT = new float[256];
    private static final float[] E5M2_TO_FLOAT = new float[256];

    static {
        for (int h = 0; h < 65536; h++) {
            HALF_TO_FLOAT[h] = decodeHalf(h);
        }
        for (int b = 0; b < 256; b++) {
            E4M3_TO_FLOAT[b] = decodeE4M3(b);
            // E5M2 is the upper byte of an IEEE half.
            E5M2_TO_FLOAT[b] = decodeHalf(b << 8);
        }
    }

    private HalfFloats() {
    }

    /** IEEE 754 binary16 bits to float (exact). */
    public static float halfToFloat(short bits) {
        return HALF_TO_FLOAT[bits & 0xffff];
    }

    /** bfloat16 bits to float (exact): bf16 is the upper half of an fp32. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** float8 e4m3fn bits to float (exact). */
    public static float e4m3ToFloat(byte bits) {
        return E4M3_TO_FLOAT[bits & 0xff];
    }

    /** float8 e5m2 bits to float (exact). */
    public static float e5m2ToFloat(byte bits) {
        return E5M2_TO_FLOAT[bits & 0xff];
    }

    /** Float to IEEE binary16, rounding to nearest even, overflow to infinity, NaN kept. */
    public static short floatToHalf(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int exp = (x >>> 23) & 0xff;
        int mant = x & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // Subnormal half: shift the mantissa with its implicit bit, round to nearest even.
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which is the correct rounding
        }
        return (short) (sign | half);
    }

    /** Float to bfloat16, rounding to nearest even. */
    public static short floatToBf16(float f) {
        int x = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((x >>> 16) | 0x40);
        }
        int lsb = (x >>> 16) & 1;
        return (short) ((x + 0x7fff + lsb) >>> 16);
    }

    private static float decodeHalf(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    private static float decodeE4M3(int b) {
        int sign = b & 0x80;
        int exp = (b >>> 3) & 0xf;
        int mant = b & 0x7;
        float v;
        if (exp == 0xf && mant == 0x7) {
            return Float.NaN; // e4m3fn has no infinities
        } else if (exp == 0) {
            v = mant * 0x1p-9f;
        } else {
            v = (1 + mant / 8f) * (float) Math.pow(2, exp - 7);
        }
        return sign != 0 ? -v : v;
    }
}
