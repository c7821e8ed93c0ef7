package dev.weft.engine.sampling.guidance;

import ai.djl.ndarray.NDArray;

/**
 * A replacement for the default CFG combination (ComfyUI's {@code sampler_cfg_function}, set by
 * RescaleCFG and similar model patches). It returns a value in "input minus prediction" space;
 * the guided x0 is then {@code x - result}.
 */
@FunctionalInterface
public interface SamplerCfgFunction {
    /** @return {@code x - guided_x0}, {@code [B, C, H, W]}, a new array */
    NDArray apply(CfgArgs args);
}
