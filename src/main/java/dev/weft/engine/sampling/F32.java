package dev.weft.engine.sampling;

/**
 * Scalar float32 maths as PyTorch computes it on 0-dim float32 tensors: each operation is done
 * in double and rounded once to float, which equals a correctly rounded float32 operation.
 * ComfyUI keeps sigmas and most sampler coefficients in float32 tensors; a few coefficients
 * (uni_pc at sigma 0.001, for one) cancel so badly that only float32 arithmetic reproduces its
 * numbers, so samplers use these helpers wherever ComfyUI works on float32 scalars.
 */
public final class F32 {
    private F32() {
    }

    /** {@code exp} rounded to float32. */
    public static float exp(float x) {
        return (float) Math.exp(x);
    }

    /** {@code expm1} rounded to float32. */
    public static float expm1(float x) {
        return (float) Math.expm1(x);
    }

    /** Natural log rounded to float32. */
    public static float log(float x) {
        return (float) Math.log(x);
    }

    /** Square root rounded to float32 (NaN for negative input, like torch). */
    public static float sqrt(float x) {
        return (float) Math.sqrt(x);
    }

    /** {@code x ** p} as torch.pow(float32, scalar) computes it (2 and 0.5 use their fast paths). */
    public static float pow(float x, double p) {
        if (p == 2.0) {
            return x * x;
        }
        if (p == 0.5) {
            return sqrt(x);
        }
        return (float) Math.pow(x, (float) p);
    }

    /** {@code start + w * (end - start)} as torch.lerp computes it for weights below 0.5. */
    public static float lerp(float start, float end, float weight) {
        if (Math.abs(weight) < 0.5f) {
            return start + weight * (end - start);
        }
        return end - (end - start) * (1f - weight);
    }

    /**
     * torch.linspace in float32 (scalar path): the first half counts up from start, the second
     * half counts down from end.
     */
    public static float[] linspace(float start, float end, int steps) {
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (steps - 1);
        int half = steps / 2;
        for (int i = 0; i < steps; i++) {
            out[i] = i < half ? start + step * i : end - step * (steps - i - 1);
        }
        return out;
    }
}
