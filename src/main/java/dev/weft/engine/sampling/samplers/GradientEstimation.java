package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.Denoiser;
import dev.weft.engine.sampling.SamplingContext;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient estimation sampler (Permenter and Yuan, "Interpreting and improving diffusion models
 * from an optimization perspective"): Euler plus {@code (gamma - 1)(d - d_prev) dt} with
 * gamma = 2; the CFG++ version steps from the guided prediction along the unconditional
 * derivative.
 */
final class GradientEstimation extends NamedSampler {
    private static final float GE_GAMMA = 2f;

    private final boolean cfgPp;

    GradientEstimation(String name, boolean cfgPp) {
        super(name);
        this.cfgPp = cfgPp;
    }

    @Override
    public NDArray sample(SamplingContext ctx, NDArray start) {
        float[] s = ctx.sigmas();
        return StepLoop.run(ctx, start, cfgPp, new StepLoop.GuidedRule() {
            private NDArray oldD;

            @Override
            public NDArray next(int i, NDArray x, Denoiser.Guided g) {
                NDArray denoised = g.denoised();
                NDArray d = Steps.toD(x, s[i], cfgPp ? g.uncondDenoised() : denoised);
                float dt = s[i + 1] - s[i];
                if (s[i + 1] == 0f) {
                    x = denoised;
                } else {
                    x = cfgPp ? denoised.add(d.mul(s[i + 1])) : Steps.eulerStep(x, d, dt);
                    if (i >= 1) {
                        NDArray dBar = d.sub(oldD).mul(GE_GAMMA - 1f);
                        x = Steps.eulerStep(x, dBar, dt);
                    }
                }
                oldD = d;
                return x;
            }

            @Override
            public List<NDArray> history() {
                return Arrays.asList(oldD);
            }
        });
    }
}
