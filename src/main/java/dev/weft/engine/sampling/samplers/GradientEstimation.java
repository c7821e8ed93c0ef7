package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.weft.engine.sampling.Denoiser;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;

/**
 * Gradient estimation sampler (Permenter and Yuan, "Interpreting and improving diffusion models
 * from an optimization perspective"): Euler plus {@code (gamma - 1)(d - d_prev) dt} with
 * gamma = 2; the CFG++ version steps from the guided prediction along the unconditional
 * derivative.
 */
@SuppressWarnings("try")
final class GradientEstimation implements Sampler {
    private static final float GE_GAMMA = 2f;

    private final String name;
    private final boolean cfgPp;

    GradientEstimation(String name, boolean cfgPp) {
        this.name = name;
        this.cfgPp = cfgPp;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NDArray sample(SamplingContext ctx, NDArray x) {
        float[] s = ctx.sigmas();
        NDArray oldD = null;
        try (Carry carry = new Carry(x)) {
            for (int i = 0; i < ctx.steps(); i++) {
                ctx.checkCancelled(i);
                try (NDScope scope = new NDScope()) {
                    NDArray denoised;
                    NDArray d;
                    if (cfgPp) {
                        Denoiser.Guided g = ctx.denoiseGuided(x, s[i]);
                        denoised = g.denoised();
                        d = Steps.toD(x, s[i], g.uncondDenoised());
                    } else {
                        denoised = ctx.denoise(x, s[i]);
                        d = Steps.toD(x, s[i], denoised);
                    }
                    ctx.report(i, s[i], x, denoised);
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
                    carry.retain(x, oldD);
                }
            }
            return carry.release(x);
        }
    }
}
