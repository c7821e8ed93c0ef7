package dev.weft.engine.sampling.guidance;

import ai.djl.ndarray.NDArray;

/**
 * What a {@link SamplerCfgFunction} sees (ComfyUI's {@code sampler_cfg_function} args).
 *
 * @param input          noisy latent x {@code [B, C, H, W]}
 * @param sigma          per-item noise level {@code [B]}
 * @param condDenoised   x0 prediction for the positive conditioning
 * @param uncondDenoised x0 prediction for the negative conditioning (zeros when the cfg = 1
 *                       shortcut skipped it)
 * @param condScale      the CFG scale
 */
public record CfgArgs(NDArray input, NDArray sigma, NDArray condDenoised, NDArray uncondDenoised, double condScale) {
    /** ComfyUI's {@code args["cond"]}: {@code x - cond_denoised}. */
    public NDArray cond() {
        return input.sub(condDenoised);
    }

    /** ComfyUI's {@code args["uncond"]}: {@code x - uncond_denoised}. */
    public NDArray uncond() {
        return input.sub(uncondDenoised);
    }
}
