package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * One sampling algorithm (a {@code sample_*} function of ComfyUI's k-diffusion port or its
 * UniPC). It walks the latent from {@code sigmas[0]} down to the last sigma, calling the
 * denoiser, reporting every step and drawing all randomness from the context's
 * {@link NoiseSource}.
 *
 * <p>Engine thread only. Each step runs in its own {@link ai.djl.ndarray.NDScope}; only the state
 * carried between steps survives it, so the number of live arrays stays flat however many steps
 * run.
 */
public interface Sampler {
    /** ComfyUI's name for this sampler. */
    String name();

    /**
     * Runs the sampler.
     *
     * @param ctx what to call and report to, and the sigmas
     * @param x   the start state (noise already scaled by {@link KSampling}); not closed here
     * @return the final latent, a new array in {@code x}'s manager owned by the caller ({@code x}
     *         itself when there is no step to run)
     * @throws SamplingCancelledException when the context's cancellation check fires
     */
    NDArray sample(SamplingContext ctx, NDArray x);
}
