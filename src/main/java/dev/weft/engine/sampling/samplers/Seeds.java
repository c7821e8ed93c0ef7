package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;

/**
 * SEEDS, stochastic explicit exponential derivative-free solvers (Gonzalez et al., arXiv
 * 2305.14267), VP data prediction, 2 or 3 stages per step (r = 1/2, resp. 1/3 and 2/3),
 * {@code eta = 1}. The noise of the stages is correlated the way ComfyUI builds it: each new
 * segment decays the running noise and adds a fresh draw.
 */
final class Seeds implements Sampler {
    private final int stages;

    /** @param stages 2 or 3 */
    Seeds(int stages) {
        if (stages != 2 && stages != 3) {
            throw new IllegalArgumentException("SEEDS has 2 or 3 stages, not " + stages);
        }
        this.stages = stages;
    }

    @Override
    public String name() {
        return "seeds_" + stages;
    }

    private static float phi1(float h) {
        return F32.expm1(h);
    }

    private static float phi2(float h) {
        return (F32.expm1(h) - h) / h;
    }

    @Override
    public NDArray sample(SamplingContext ctx, NDArray start) {
        float[] s = ctx.sigmas();
        float eta = 1f;
        return StepLoop.run(ctx, start, (i, x, denoised) -> {
            if (s[i + 1] == 0f) {
                return denoised;
            }
            return stages == 2 ? step2(ctx, x, denoised, s[i], s[i + 1], eta)
                    : step3(ctx, x, denoised, s[i], s[i + 1], eta);
        });
    }

    private static NDArray step2(SamplingContext ctx, NDArray x, NDArray denoised, float sigma, float sigmaNext,
                                 float eta) {
        float r = 0.5f;
        float lambdaS = -F32.log(sigma);
        float lambdaT = -F32.log(sigmaNext);
        float h = lambdaT - lambdaS;
        float hEta = h * (eta + 1f);
        float lambdaS1 = F32.lerp(lambdaS, lambdaT, r);
        float sigmaS1 = F32.exp(-lambdaS1);
        float alphaS1 = sigmaS1 * F32.exp(lambdaS1);
        float alphaT = sigmaNext * F32.exp(lambdaT);

        NDArray x2 = x.mul(sigmaS1 / sigma * F32.exp(-r * h * eta))
                .sub(denoised.mul(alphaS1 * phi1(-r * hEta)));
        NDArray sdeNoise = ctx.drawNoise(x, sigma, sigmaS1).mul(F32.sqrt(-F32.expm1(-2 * r * h * eta)));
        x2 = x2.add(sdeNoise.mul(sigmaS1));
        NDArray denoised2 = ctx.denoise(x2, sigmaS1);

        NDArray denoisedD = Steps.lerp(denoised, denoised2, 1f / (2 * r));
        NDArray out = x.mul(sigmaNext / sigma * F32.exp(-h * eta)).sub(denoisedD.mul(alphaT * phi1(-hEta)));
        sdeNoise = nextSegment(ctx, sdeNoise, x, sigmaS1, sigmaNext, (r - 1) * h * eta);
        return out.add(sdeNoise.mul(sigmaNext));
    }

    private static NDArray step3(SamplingContext ctx, NDArray x, NDArray denoised, float sigma, float sigmaNext,
                                 float eta) {
        float r1 = 1f / 3f;
        float r2 = 2f / 3f;
        float lambdaS = -F32.log(sigma);
        float lambdaT = -F32.log(sigmaNext);
        float h = lambdaT - lambdaS;
        float hEta = h * (eta + 1f);
        float lambdaS1 = F32.lerp(lambdaS, lambdaT, r1);
        float lambdaS2 = F32.lerp(lambdaS, lambdaT, r2);
        float sigmaS1 = F32.exp(-lambdaS1);
        float sigmaS2 = F32.exp(-lambdaS2);
        float alphaS1 = sigmaS1 * F32.exp(lambdaS1);
        float alphaS2 = sigmaS2 * F32.exp(lambdaS2);
        float alphaT = sigmaNext * F32.exp(lambdaT);

        NDArray x2 = x.mul(sigmaS1 / sigma * F32.exp(-r1 * h * eta))
                .sub(denoised.mul(alphaS1 * phi1(-r1 * hEta)));
        NDArray sdeNoise = ctx.drawNoise(x, sigma, sigmaS1).mul(F32.sqrt(-F32.expm1(-2 * r1 * h * eta)));
        x2 = x2.add(sdeNoise.mul(sigmaS1));
        NDArray denoised2 = ctx.denoise(x2, sigmaS1);

        float a32 = r2 / r1 * phi2(-r2 * hEta);
        float a31 = phi1(-r2 * hEta) - a32;
        NDArray x3 = x.mul(sigmaS2 / sigma * F32.exp(-r2 * h * eta))
                .sub(denoised.mul(a31).add(denoised2.mul(a32)).mul(alphaS2));
        // ComfyUI forms r1 - r2 and r2 - 1 from Python floats, then rounds to float32.
        sdeNoise = nextSegment(ctx, sdeNoise, x, sigmaS1, sigmaS2, (float) (1.0 / 3.0 - 2.0 / 3.0) * h * eta);
        x3 = x3.add(sdeNoise.mul(sigmaS2));
        NDArray denoised3 = ctx.denoise(x3, sigmaS2);

        float b3 = phi2(-hEta) / r2;
        float b1 = phi1(-hEta) - b3;
        NDArray out = x.mul(sigmaNext / sigma * F32.exp(-h * eta))
                .sub(denoised.mul(b1).add(denoised3.mul(b3)).mul(alphaT));
        sdeNoise = nextSegment(ctx, sdeNoise, x, sigmaS2, sigmaNext, (float) (2.0 / 3.0 - 1.0) * h * eta);
        return out.add(sdeNoise.mul(sigmaNext));
    }

    /**
     * The noise of the next segment {@code [from, to]}: the running noise decayed by
     * {@code e^segment} plus a fresh draw scaled to keep unit variance, {@code segment} being
     * {@code (r_prev - r_next) h eta} (negative).
     */
    private static NDArray nextSegment(SamplingContext ctx, NDArray noise, NDArray like, float from, float to,
                                       float segment) {
        return noise.mul(F32.exp(segment)).add(ctx.drawNoise(like, from, to).mul(F32.sqrt(-F32.expm1(segment * 2))));
    }
}
