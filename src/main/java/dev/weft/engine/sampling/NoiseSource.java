package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Every random draw a sampler makes during sampling (ComfyUI's {@code noise_sampler(sigma,
 * sigma_next)}: ancestral noise, SDE noise, the re-noising of lcm and ddpm, ...), in call order.
 * Tests replay recorded draws through it; {@link SeededNoise} reproduces ComfyUI's seeded
 * generator.
 *
 * <p>Engine thread only. Each draw is a new array in {@code like}'s manager, owned by the caller.
 */
@FunctionalInterface
public interface NoiseSource {
    /**
     * One unit-Gaussian tensor shaped like {@code like} (float32).
     *
     * @param like      the sampler state the noise will be added to
     * @param sigma     noise level at the start of the interval the noise is for
     * @param sigmaNext noise level at its end
     */
    NDArray draw(NDArray like, float sigma, float sigmaNext);
}
