package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;

/**
 * Samplers that jump to a prediction and re-noise it with fresh noise: ddpm (the DDPM posterior
 * step in variance-preserving space) and lcm (x0, then noise at the next sigma).
 */
final class RenoisingSamplers {
    private RenoisingSamplers() {
    }

    /** DDPM ancestral sampling (Ho et al. 2020) on the discrete schedule the sigmas come from. */
    static final class Ddpm implements Sampler {
        @Override
        public String name() {
            return "ddpm";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                NDArray eps = x.sub(denoised).div(s[i]);
                NDArray vp = x.div(F32.sqrt(1f + s[i] * s[i]));
                x = step(ctx, vp, s[i], s[i + 1], eps);
                return s[i + 1] != 0f ? x.mul(F32.sqrt(1f + s[i + 1] * s[i + 1])) : x;
            });
        }

        /** The posterior mean from sigma to sigmaPrev plus posterior noise (ComfyUI's DDPMSampler_step). */
        private static NDArray step(SamplingContext ctx, NDArray x, float sigma, float sigmaPrev, NDArray eps) {
            float alphaCumprod = 1f / (sigma * sigma + 1f);
            float alphaCumprodPrev = 1f / (sigmaPrev * sigmaPrev + 1f);
            float alpha = alphaCumprod / alphaCumprodPrev;
            NDArray mu = x.sub(eps.mul(1f - alpha).div(F32.sqrt(1f - alphaCumprod)))
                    .mul(F32.sqrt(1f / alpha));
            if (sigmaPrev > 0f) {
                float coef = F32.sqrt((1f - alpha) * (1f - alphaCumprodPrev) / (1f - alphaCumprod));
                return Steps.addNoise(ctx, mu, sigma, sigmaPrev, coef);
            }
            return mu;
        }
    }

    /** Latent Consistency Model sampling: x = x0, re-noised to the next sigma. */
    static final class Lcm implements Sampler {
        @Override
        public String name() {
            return "lcm";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                if (s[i + 1] > 0f) {
                    NDArray noise = ctx.drawNoise(denoised, s[i], s[i + 1]);
                    return ctx.modelSampling().noiseScaling(s[i + 1], noise, denoised, false);
                }
                return denoised;
            });
        }
    }
}
