package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;
import java.util.Arrays;
import java.util.List;

/**
 * DPM-Solver++ samplers (Lu et al. 2022) in data-prediction form on {@code t = -log sigma}:
 * dpmpp_2s_ancestral, dpmpp_sde, dpmpp_2m, dpmpp_2m_sde (midpoint and heun) and dpmpp_3m_sde,
 * with ComfyUI's defaults ({@code eta = 1}, {@code s_noise = 1}, {@code r = 1/2}).
 *
 * <p>The SDE variants (and their "_gpu" twins, identical on this engine) draw their noise from
 * the context's {@link dev.weft.engine.sampling.NoiseSource}: plain Gaussians per interval,
 * where ComfyUI samples a seeded torchsde Brownian tree. Same distribution, other numbers.
 */
final class DpmppFamily {
    private DpmppFamily() {
    }

    /** Ancestral DPM-Solver++(2S): a half step in t towards sigma_down, then noise. */
    static final class Dpmpp2sAncestral implements Sampler {
        @Override
        public String name() {
            return "dpmpp_2s_ancestral";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                float[] du = Steps.ancestral(s[i], s[i + 1], 1f);
                if (du[0] == 0f) {
                    x = Steps.eulerStep(x, Steps.toD(x, s[i], denoised), du[0] - s[i]);
                } else {
                    float t = -F32.log(s[i]);
                    float tNext = -F32.log(du[0]);
                    float h = tNext - t;
                    float sMid = t + 0.5f * h;
                    float sigmaMid = F32.exp(-sMid);
                    NDArray x2 = x.mul(sigmaMid / F32.exp(-t))
                            .sub(denoised.mul(F32.expm1(-h * 0.5f)));
                    NDArray denoised2 = ctx.denoise(x2, sigmaMid);
                    x = x.mul(F32.exp(-tNext) / F32.exp(-t)).sub(denoised2.mul(F32.expm1(-h)));
                }
                return s[i + 1] > 0f ? Steps.addNoise(ctx, x, s[i], s[i + 1], du[1]) : x;
            });
        }
    }

    /** DPM-Solver++ (stochastic), two model calls per step with noise at both stages. */
    static final class DpmppSde extends NamedSampler {
        DpmppSde(String name) {
            super(name);
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            float r = 0.5f;
            return StepLoop.run(ctx, start, (i, x, denoised) -> {
                if (s[i + 1] == 0f) {
                    return denoised;
                }
                float lambdaS = -F32.log(s[i]);
                float lambdaT = -F32.log(s[i + 1]);
                float h = lambdaT - lambdaS;
                float lambdaS1 = lambdaS + r * h;
                float sigmaS1 = F32.exp(-lambdaS1);
                float alphaS = s[i] * F32.exp(lambdaS);
                float alphaS1 = sigmaS1 * F32.exp(lambdaS1);
                float alphaT = s[i + 1] * F32.exp(lambdaT);

                float[] du = Steps.ancestral(F32.exp(-lambdaS), F32.exp(-lambdaS1), 1f);
                float hStep = -F32.log(du[0]) - lambdaS;
                NDArray x2 = x.mul(alphaS1 / alphaS * F32.exp(-hStep))
                        .sub(denoised.mul(alphaS1 * F32.expm1(-hStep)));
                x2 = Steps.addNoise(ctx, x2, s[i], sigmaS1, alphaS1, du[1]);
                NDArray denoised2 = ctx.denoise(x2, sigmaS1);

                du = Steps.ancestral(F32.exp(-lambdaS), F32.exp(-lambdaT), 1f);
                hStep = -F32.log(du[0]) - lambdaS;
                // (1 - fac) * denoised + fac * denoised2 with fac = 1 / (2r) = 1
                NDArray denoisedD = denoised.mul(0f).add(denoised2);
                x = x.mul(alphaT / alphaS * F32.exp(-hStep))
                        .sub(denoisedD.mul(alphaT * F32.expm1(-hStep)));
                return Steps.addNoise(ctx, x, s[i], s[i + 1], alphaT, du[1]);
            });
        }
    }

    /** DPM-Solver++(2M): second order from the previous denoised prediction. */
    static final class Dpmpp2m implements Sampler {
        @Override
        public String name() {
            return "dpmpp_2m";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, new StepLoop.Rule() {
                private NDArray old;

                @Override
                public NDArray next(int i, NDArray x, NDArray denoised) {
                    float t = -F32.log(s[i]);
                    float tNext = -F32.log(s[i + 1]);
                    float h = tNext - t;
                    float scale = F32.exp(-tNext) / F32.exp(-t);
                    if (old == null || s[i + 1] == 0f) {
                        x = x.mul(scale).sub(denoised.mul(F32.expm1(-h)));
                    } else {
                        float hLast = t - (-F32.log(s[i - 1]));
                        float rr = hLast / h;
                        float c = 1f / (2f * rr);
                        NDArray denoisedD = denoised.mul(1f + c).sub(old.mul(c));
                        x = x.mul(scale).sub(denoisedD.mul(F32.expm1(-h)));
                    }
                    old = denoised;
                    return x;
                }

                @Override
                public List<NDArray> history() {
                    return Arrays.asList(old);
                }
            });
        }
    }

    /**
     * The multistep DPM-Solver++ SDE samplers: dpmpp_2m_sde (midpoint or Heun form of the
     * second-order term) and dpmpp_3m_sde. They share the first-order exponential step and its
     * noise; the predictions of the previous steps add the higher-order terms.
     */
    static final class MultistepSde extends NamedSampler {
        /** The higher-order term. */
        enum Correction {
            /** dpmpp_2m_sde: second order, midpoint form. */
            MIDPOINT,
            /** dpmpp_2m_sde_heun: second order, Heun form. */
            HEUN,
            /** dpmpp_3m_sde: third order from the two previous predictions (second order on step 1). */
            THIRD_ORDER
        }

        private final Correction correction;

        MultistepSde(String name, Correction correction) {
            super(name);
            this.correction = correction;
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            float eta = 1f;
            return StepLoop.run(ctx, start, new StepLoop.Rule() {
                private NDArray denoised1;
                private NDArray denoised2;
                private float h = Float.NaN;
                private float h1 = Float.NaN;
                private float h2 = Float.NaN;

                @Override
                public NDArray next(int i, NDArray x, NDArray denoised) {
                    if (s[i + 1] == 0f) {
                        x = denoised;
                    } else {
                        float lambdaS = -F32.log(s[i]);
                        float lambdaT = -F32.log(s[i + 1]);
                        h = lambdaT - lambdaS;
                        float hEta = h * (eta + 1f);
                        float alphaT = s[i + 1] * F32.exp(lambdaT);
                        float negExpm1 = -F32.expm1(-hEta);
                        x = x.mul(s[i + 1] / s[i] * F32.exp(-h * eta)).add(denoised.mul(alphaT * negExpm1));
                        if (correction == Correction.THIRD_ORDER) {
                            x = thirdOrder(x, denoised, hEta, alphaT);
                        } else if (denoised1 != null) {
                            float invR = 1f / (h1 / h);
                            NDArray diff = denoised.sub(denoised1);
                            if (correction == Correction.HEUN) {
                                x = x.add(diff.mul(alphaT * (negExpm1 / -hEta + 1f) * invR));
                            } else {
                                x = x.add(diff.mul(0.5f * alphaT * negExpm1 * invR));
                            }
                        }
                        x = sdeNoise(ctx, x, s[i], s[i + 1], h, eta);
                    }
                    denoised2 = correction == Correction.THIRD_ORDER ? denoised1 : null;
                    denoised1 = denoised;
                    h2 = h1;
                    h1 = h;
                    return x;
                }

                private NDArray thirdOrder(NDArray x, NDArray denoised, float hEta, float alphaT) {
                    float phi2 = F32.expm1(-hEta) / hEta + 1f;
                    if (!Float.isNaN(h2)) {
                        float r0 = h1 / h;
                        float r1 = h2 / h;
                        NDArray d10 = denoised.sub(denoised1).div(r0);
                        NDArray d11 = denoised1.sub(denoised2).div(r1);
                        NDArray d1 = d10.add(d10.sub(d11).mul(r0).div(r0 + r1));
                        NDArray d2 = d10.sub(d11).div(r0 + r1);
                        float phi3 = phi2 / hEta - 0.5f;
                        return x.add(d1.mul(alphaT * phi2)).sub(d2.mul(alphaT * phi3));
                    }
                    if (!Float.isNaN(h1)) {
                        float r = h1 / h;
                        return x.add(denoised.sub(denoised1).div(r).mul(alphaT * phi2));
                    }
                    return x;
                }

                @Override
                public List<NDArray> history() {
                    return Arrays.asList(denoised1, denoised2);
                }
            });
        }
    }

    /** The noise of the multistep SDE samplers: {@code sigma_next * sqrt(1 - e^(-2 h eta))} Gaussians. */
    private static NDArray sdeNoise(SamplingContext ctx, NDArray x, float sigma, float sigmaNext, float h, float eta) {
        return Steps.addNoise(ctx, x, sigma, sigmaNext, sigmaNext, F32.sqrt(-F32.expm1(-2f * h * eta)));
    }
}
