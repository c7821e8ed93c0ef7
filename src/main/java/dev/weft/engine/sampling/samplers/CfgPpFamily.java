package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.Denoiser;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;
import java.util.Arrays;
import java.util.List;

/**
 * CFG++ samplers (Chung et al. 2024, arXiv 2406.08070): they re-noise with the unconditional
 * prediction instead of the guided one, so every model call asks the denoiser for both
 * ({@link Denoiser#denoiseGuided}; ComfyUI installs a post-CFG hook and disables the cfg = 1
 * shortcut). euler_cfg_pp, euler_ancestral_cfg_pp, dpmpp_2s_ancestral_cfg_pp and dpmpp_2m_cfg_pp.
 */
final class CfgPpFamily {
    private CfgPpFamily() {
    }

    /** Euler (eta = 0) or Euler ancestral (eta = 1) with CFG++. */
    static final class EulerCfgPp extends NamedSampler {
        private final float eta;

        EulerCfgPp(String name, float eta) {
            super(name);
            this.eta = eta;
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, true, (i, x, g) -> {
                if (s[i + 1] == 0f) {
                    return g.denoised();
                }
                float alphaS = s[i] * F32.exp(-F32.log(s[i]));
                float alphaT = s[i + 1] * F32.exp(-F32.log(s[i + 1]));
                NDArray d = Steps.toD(x, s[i], g.uncondDenoised().mul(alphaS));
                float[] du = Steps.ancestral(s[i] / alphaS, s[i + 1] / alphaT, eta);
                float sigmaDown = alphaT * du[0];
                x = g.denoised().mul(alphaT).add(d.mul(sigmaDown));
                return eta > 0f ? Steps.addNoise(ctx, x, s[i], s[i + 1], alphaT, du[1]) : x;
            });
        }
    }

    /** Ancestral DPM-Solver++(2S) with CFG++. */
    static final class Dpmpp2sAncestralCfgPp implements Sampler {
        @Override
        public String name() {
            return "dpmpp_2s_ancestral_cfg_pp";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, true, (i, x, g) -> {
                NDArray denoised = g.denoised();
                float[] du = Steps.ancestral(s[i], s[i + 1], 1f);
                if (du[0] == 0f) {
                    NDArray d = Steps.toD(x, s[i], g.uncondDenoised());
                    x = denoised.add(d.mul(du[0]));
                } else {
                    float t = -F32.log(s[i]);
                    float tNext = -F32.log(du[0]);
                    float h = tNext - t;
                    float sMid = t + 0.5f * h;
                    NDArray shifted = x.add(denoised.sub(g.uncondDenoised()));
                    NDArray x2 = shifted.mul(F32.exp(-sMid) / F32.exp(-t))
                            .sub(denoised.mul(F32.expm1(-h * 0.5f)));
                    // The second call's hook overwrites the captured uncond before it is used below.
                    Denoiser.Guided g2 = ctx.denoiseGuided(x2, F32.exp(-sMid));
                    NDArray shifted2 = x.add(denoised.sub(g2.uncondDenoised()));
                    x = shifted2.mul(F32.exp(-tNext) / F32.exp(-t)).sub(g2.denoised().mul(F32.expm1(-h)));
                }
                return s[i + 1] > 0f ? Steps.addNoise(ctx, x, s[i], s[i + 1], du[1]) : x;
            });
        }
    }

    /** DPM-Solver++(2M) with CFG++. */
    static final class Dpmpp2mCfgPp implements Sampler {
        @Override
        public String name() {
            return "dpmpp_2m_cfg_pp";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            return StepLoop.run(ctx, start, true, new StepLoop.GuidedRule() {
                private NDArray oldUncond;

                @Override
                public NDArray next(int i, NDArray x, Denoiser.Guided g) {
                    NDArray denoised = g.denoised();
                    NDArray uncond = g.uncondDenoised();
                    float t = -F32.log(s[i]);
                    float tNext = -F32.log(s[i + 1]);
                    float h = tNext - t;
                    float decay = F32.exp(-h);
                    NDArray mix;
                    if (oldUncond == null || s[i + 1] == 0f) {
                        mix = uncond.mul(-decay);
                    } else {
                        float hLast = t - (-F32.log(s[i - 1]));
                        float r = hLast / h;
                        mix = uncond.mul(-decay)
                                .sub(denoised.sub(oldUncond).mul(F32.expm1(-h) * (1f / (2f * r))));
                    }
                    oldUncond = uncond;
                    return denoised.add(mix).add(x.mul(decay));
                }

                @Override
                public List<NDArray> history() {
                    return Arrays.asList(oldUncond);
                }
            });
        }
    }
}
