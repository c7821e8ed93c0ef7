package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.Denoiser;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.SamplingContext;
import java.util.Arrays;
import java.util.List;

/**
 * The second-order multistep exponential integrator of arXiv 2308.02157 ("RES"), ComfyUI's
 * res_multistep family: plain ({@code eta = 0}), ancestral ({@code eta = 1}) and their CFG++
 * versions. Noise is drawn on every step that ends above zero, also with eta = 0 (then scaled
 * by 0), as ComfyUI does.
 */
final class ResMultistep extends NamedSampler {
    private final float eta;
    private final boolean cfgPp;

    ResMultistep(String name, float eta, boolean cfgPp) {
        super(name);
        this.eta = eta;
        this.cfgPp = cfgPp;
    }

    private static float phi1(float t) {
        return F32.expm1(t) / t;
    }

    private static float phi2(float t) {
        return (phi1(t) - 1f) / t;
    }

    private static float nanToZero(float v) {
        return Float.isNaN(v) ? 0f : v;
    }

    @Override
    public NDArray sample(SamplingContext ctx, NDArray start) {
        float[] s = ctx.sigmas();
        return StepLoop.run(ctx, start, cfgPp, new StepLoop.GuidedRule() {
            private NDArray oldDenoised;
            private float oldSigmaDown = Float.NaN;

            @Override
            public NDArray next(int i, NDArray x, Denoiser.Guided g) {
                NDArray denoised = g.denoised();
                NDArray uncond = g.uncondDenoised();
                float[] du = Steps.ancestral(s[i], s[i + 1], eta);
                float sigmaDown = du[0];
                if (sigmaDown == 0f || oldDenoised == null) {
                    if (cfgPp) {
                        x = denoised.add(Steps.toD(x, s[i], uncond).mul(sigmaDown));
                    } else {
                        x = Steps.eulerStep(x, Steps.toD(x, s[i], denoised), sigmaDown - s[i]);
                    }
                } else {
                    float t = -F32.log(s[i]);
                    float tOld = -F32.log(oldSigmaDown);
                    float tNext = -F32.log(sigmaDown);
                    float tPrev = -F32.log(s[i - 1]);
                    float h = tNext - t;
                    float c2 = (tPrev - tOld) / h;
                    float p1 = phi1(-h);
                    float p2 = phi2(-h);
                    float b1 = nanToZero(p1 - p2 / c2);
                    float b2 = nanToZero(p2 / c2);
                    float decay = F32.exp(-h);
                    if (cfgPp) {
                        x = x.add(denoised.sub(uncond));
                        x = x.mul(decay).add(uncond.mul(b1).add(oldDenoised.mul(b2)).mul(h));
                    } else {
                        x = x.mul(decay).add(denoised.mul(b1).add(oldDenoised.mul(b2)).mul(h));
                    }
                }
                if (s[i + 1] > 0f) {
                    x = Steps.addNoise(ctx, x, s[i], s[i + 1], du[1]);
                }
                oldDenoised = cfgPp ? uncond : denoised;
                oldSigmaDown = sigmaDown;
                return x;
            }

            @Override
            public List<NDArray> history() {
                return Arrays.asList(oldDenoised);
            }
        });
    }
}
