package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.SamplingContext;

/** Small pieces of k-diffusion maths shared by the samplers (float32 like ComfyUI). */
final class Steps {
    private Steps() {
    }

    /** The Karras ODE derivative {@code (x - denoised) / sigma}. */
    static NDArray toD(NDArray x, float sigma, NDArray denoised) {
        return x.sub(denoised).div(sigma);
    }

    /** {@code x + d * dt}. */
    static NDArray eulerStep(NDArray x, NDArray d, float dt) {
        return x.add(d.mul(dt));
    }

    /** The derivative at {@code x}: one denoiser call at {@code sigma}, then {@link #toD}. */
    static NDArray slope(SamplingContext ctx, NDArray x, float sigma) {
        return toD(x, sigma, ctx.denoise(x, sigma));
    }

    /**
     * {@code x + noise * scales[0] * scales[1] ...}: one draw from the context's noise source for
     * the interval {@code [sigma, sigmaNext]}, multiplied by each scale in turn (in this order, as
     * float32 tensor operations, so the rounding is ComfyUI's).
     */
    static NDArray addNoise(SamplingContext ctx, NDArray x, float sigma, float sigmaNext, float... scales) {
        NDArray noise = ctx.drawNoise(x, sigma, sigmaNext);
        for (float scale : scales) {
            noise = noise.mul(scale);
        }
        return x.add(noise);
    }

    /**
     * k-diffusion's {@code get_ancestral_step}: the level to step down to and the noise to add
     * so that the marginal at {@code sigmaTo} is right. With {@code eta == 0} it is
     * {@code (sigmaTo, 0)}.
     *
     * @return {@code {sigmaDown, sigmaUp}}
     */
    static float[] ancestral(float sigmaFrom, float sigmaTo, float eta) {
        if (eta == 0f) {
            return new float[] {sigmaTo, 0f};
        }
        float to2 = sigmaTo * sigmaTo;
        float from2 = sigmaFrom * sigmaFrom;
        float up = eta * F32.sqrt(to2 * (from2 - to2) / from2);
        if (!(up < sigmaTo)) {
            up = sigmaTo;
        }
        float down = F32.sqrt(to2 - up * up);
        return new float[] {down, up};
    }

    /** torch.lerp(start, end, weight) for tensors with a scalar weight. */
    static NDArray lerp(NDArray start, NDArray end, float weight) {
        NDArray diff = end.sub(start);
        if (Math.abs(weight) < 0.5f) {
            return start.add(diff.mul(weight));
        }
        return end.sub(diff.mul(1f - weight));
    }
}
