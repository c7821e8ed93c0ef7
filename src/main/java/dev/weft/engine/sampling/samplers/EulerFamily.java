package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;

/**
 * The Karras et al. (2022) ODE samplers on the derivative {@code d = (x - x0) / sigma}: euler,
 * euler_ancestral, heun, heunpp2, dpm_2 and dpm_2_ancestral, with ComfyUI's default options
 * ({@code s_churn = 0}, {@code eta = 1}, {@code s_noise = 1}).
 */
final class EulerFamily {
    private EulerFamily() {
    }

    /** {@code x += d * (sigma_next - sigma)}; one model call per step. Also ComfyUI's "ddim". */
    static final class Euler extends NamedSampler {
        Euler(String name) {
            super(name);
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, (i, x, denoised) ->
                    Steps.eulerStep(x, Steps.toD(x, s[i], denoised), s[i + 1] - s[i]));
        }
    }

    /** Euler steps to sigma_down plus fresh noise of size sigma_up. */
    static final class EulerAncestral implements Sampler {
        @Override
        public String name() {
            return "euler_ancestral";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                float[] du = Steps.ancestral(s[i], s[i + 1], 1f);
                if (du[0] == 0f) {
                    return denoised;
                }
                NDArray down = Steps.eulerStep(x, Steps.toD(x, s[i], denoised), du[0] - s[i]);
                return Steps.addNoise(ctx, down, s[i], s[i + 1], du[1]);
            });
        }
    }

    /** Heun's second-order method; Euler on the last step (two model calls per step otherwise). */
    static final class Heun implements Sampler {
        @Override
        public String name() {
            return "heun";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                NDArray d = Steps.toD(x, s[i], denoised);
                float dt = s[i + 1] - s[i];
                NDArray x2 = Steps.eulerStep(x, d, dt);
                if (s[i + 1] == 0f) {
                    return x2;
                }
                NDArray d2 = Steps.slope(ctx, x2, s[i + 1]);
                return Steps.eulerStep(x, d.add(d2).div(2f), dt);
            });
        }
    }

    /**
     * Heun++ (from sd-webui-samplers-scheduler): a third derivative two sigmas ahead, weighted by
     * the sigmas relative to the first one. ComfyUI also draws {@code randn_like} every step but
     * uses it only with s_churn &gt; 0, so nothing is drawn here.
     */
    static final class Heunpp2 implements Sampler {
        @Override
        public String name() {
            return "heunpp2";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            float sEnd = s[s.length - 1];
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                NDArray d = Steps.toD(x, s[i], denoised);
                float dt = s[i + 1] - s[i];
                NDArray x2 = Steps.eulerStep(x, d, dt);
                if (s[i + 1] == sEnd) {
                    return x2;
                }
                NDArray d2 = Steps.slope(ctx, x2, s[i + 1]);
                if (s[i + 2] == sEnd) {
                    float w = 2 * s[0];
                    float w2 = s[i + 1] / w;
                    float w1 = 1 - w2;
                    return Steps.eulerStep(x, d.mul(w1).add(d2.mul(w2)), dt);
                }
                NDArray x3 = Steps.eulerStep(x2, d2, s[i + 2] - s[i + 1]);
                NDArray d3 = Steps.slope(ctx, x3, s[i + 2]);
                float w = 3 * s[0];
                float w2 = s[i + 1] / w;
                float w3 = s[i + 2] / w;
                float w1 = 1 - w2 - w3;
                NDArray dPrime = d.mul(w1).add(d2.mul(w2)).add(d3.mul(w3));
                return Steps.eulerStep(x, dPrime, dt);
            });
        }
    }

    /** DPM-Solver-2 style midpoint in log sigma; Euler on the last step. */
    static final class Dpm2 implements Sampler {
        @Override
        public String name() {
            return "dpm_2";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                NDArray d = Steps.toD(x, s[i], denoised);
                if (s[i + 1] == 0f) {
                    return Steps.eulerStep(x, d, s[i + 1] - s[i]);
                }
                return midpoint(ctx, x, d, s[i], s[i + 1]);
            });
        }
    }

    /** dpm_2 towards sigma_down plus ancestral noise. */
    static final class Dpm2Ancestral implements Sampler {
        @Override
        public String name() {
            return "dpm_2_ancestral";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                float[] du = Steps.ancestral(s[i], s[i + 1], 1f);
                NDArray d = Steps.toD(x, s[i], denoised);
                if (du[0] == 0f) {
                    return Steps.eulerStep(x, d, du[0] - s[i]);
                }
                return Steps.addNoise(ctx, midpoint(ctx, x, d, s[i], du[0]), s[i], s[i + 1], du[1]);
            });
        }
    }

    /** The DPM-Solver-2 step from {@code sigma} to {@code target} through the log-midpoint. */
    private static NDArray midpoint(SamplingContext ctx, NDArray x, NDArray d, float sigma, float target) {
        float sigmaMid = F32.exp(F32.lerp(F32.log(sigma), F32.log(target), 0.5f));
        NDArray x2 = Steps.eulerStep(x, d, sigmaMid - sigma);
        return Steps.eulerStep(x, Steps.slope(ctx, x2, sigmaMid), target - sigma);
    }
}
