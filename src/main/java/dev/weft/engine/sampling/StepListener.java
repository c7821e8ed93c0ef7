package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Receives every sampler step, as ComfyUI's sampler callback does (progress bar, live previews).
 * Called on the engine thread; the arrays are only valid during the call (they belong to the
 * sampler's step scope), so a listener that keeps anything must copy it.
 */
@FunctionalInterface
public interface StepListener {
    /** A listener that ignores steps. */
    StepListener NONE = (step, sigma, x, denoised) -> { };

    /**
     * @param step     step index i (0-based; a sampler with {@code n} sigmas runs {@code n - 1} steps,
     *                 adaptive samplers report their own count)
     * @param sigma    noise level at the start of the step
     * @param x        the sampler's state {@code [B, C, H, W]} (for most samplers: at the start of step i)
     * @param denoised the x0 prediction of this step {@code [B, C, H, W]}
     */
    void onStep(int step, float sigma, NDArray x, NDArray denoised);
}
