package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * What a sampler calls to denoise: the (guided) prediction of the clean latent x0 for a noisy
 * latent at one noise level. In ComfyUI terms this is the CFG guider wrapped by
 * {@code KSamplerX0Inpaint}; see {@link CfgGuider} for the implementation that drives a model.
 *
 * <p>Engine thread only. Arrays returned are new and owned by the caller (samplers close them
 * with their step scope); implementations must not return their input or keep the result.
 */
public interface Denoiser {
    /**
     * The guided x0 prediction.
     *
     * @param x     noisy latent {@code [B, C, H, W]} in model space
     * @param sigma noise level of {@code x} (the same for every batch item)
     * @return x0 {@code [B, C, H, W]}
     */
    NDArray denoise(NDArray x, float sigma);

    /**
     * The guided x0 prediction together with the unconditional one, for the CFG++ samplers
     * (ComfyUI captures it with a post-CFG hook and disables the cfg = 1 shortcut, so the
     * unconditional pass always runs).
     *
     * @throws UnsupportedOperationException when this denoiser has no unconditional branch
     */
    default Guided denoiseGuided(NDArray x, float sigma) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " has no unconditional prediction; CFG++ samplers need a CfgGuider (positive and negative"
                + " conditioning)");
    }

    /**
     * A guided prediction and the unconditional prediction it was built from.
     *
     * @param denoised       result of CFG and every post-CFG function
     * @param uncondDenoised the model's prediction for the negative conditioning
     */
    record Guided(NDArray denoised, NDArray uncondDenoised) {
    }
}
