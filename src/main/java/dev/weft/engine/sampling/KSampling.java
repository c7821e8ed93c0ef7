package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * The wrapper ComfyUI puts around every sampler ({@code KSAMPLER.sample}): scale the start noise
 * to the first sigma, run the sampler, undo model-specific output scaling.
 *
 * <p>What the KSampler node does around this (in ComfyUI's order): compute the sigmas
 * ({@link KSamplerSigmas}), make the noise ({@link InitialNoise}, or zeros for "add_noise:
 * disable"), bring a non-empty input latent into model space ({@code process_latent_in}, see
 * {@link LatentFormat}), call {@link #sample}, and bring the result back
 * ({@code process_latent_out}). ComfyUI's "ddim" also swaps in separate seeded noise for
 * inpainting-mask regions; masks are not supported here yet.
 */
public final class KSampling {
    private KSampling() {
    }

    /**
     * Runs one sampler the way KSampler does.
     *
     * @param sampler     the algorithm
     * @param ctx         model sampling, denoiser, sigmas, noise source, listener, cancellation
     * @param noise       unit Gaussian start noise {@code [B, C, H, W]}
     * @param latentImage the input latent in model space {@code [B, C, H, W]} (zeros for txt2img)
     * @return the sampled latent in model space, a new array in {@code noise}'s manager; with no
     *         sigmas at all, a copy of {@code latentImage}
     * @throws SamplingCancelledException when cancelled; nothing created here stays alive
     */
    public static NDArray sample(Sampler sampler, SamplingContext ctx, NDArray noise, NDArray latentImage) {
        float[] sigmas = ctx.sigmas();
        if (sigmas.length == 0) {
            return latentImage.duplicate();
        }
        ModelSampling ms = ctx.modelSampling();
        NDArray x = ms.noiseScaling(sigmas[0], noise, latentImage, ms.isMaxDenoise(sigmas[0]));
        NDArray out;
        try {
            out = sampler.sample(ctx, x);
        } catch (RuntimeException e) {
            x.close();
            throw e;
        }
        if (out != x) {
            x.close();
        }
        // uni_pc replaces a final 0 by 0.001 on ComfyUI's own list; this identity for EPS/V ignores it.
        NDArray result = ms.inverseNoiseScaling(sigmas[sigmas.length - 1], out);
        if (result != out) {
            out.close();
        }
        return result;
    }
}
