package dev.weft.engine.sampling.guidance;

import ai.djl.ndarray.NDArray;

/**
 * A function applied to the guided prediction after CFG (ComfyUI's
 * {@code sampler_post_cfg_function}); they run in order, each seeing the previous result.
 */
@FunctionalInterface
public interface PostCfgFunction {
    /**
     * @param denoised       the guided x0 so far
     * @param args           the CFG inputs (x, sigma, both predictions, scale)
     * @return the new guided x0 (may be {@code denoised} itself)
     */
    NDArray apply(NDArray denoised, CfgArgs args);
}
