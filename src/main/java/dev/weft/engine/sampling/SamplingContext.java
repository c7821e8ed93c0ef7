package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Objects;

/**
 * Everything a {@link Sampler} needs besides its start state.
 *
 * @param modelSampling the model's schedule (for samplers that convert sigmas or re-noise)
 * @param denoiser      the guided x0 prediction
 * @param sigmas        noise levels, float32; step i goes from {@code sigmas[i]} to {@code sigmas[i+1]}
 * @param noise         source of every random draw the sampler makes
 * @param listener      receives each step
 * @param cancel        asked before each step
 */
public record SamplingContext(ModelSampling modelSampling, Denoiser denoiser, float[] sigmas, NoiseSource noise,
                              StepListener listener, CancellationCheck cancel) {
    public SamplingContext {
        Objects.requireNonNull(modelSampling, "modelSampling");
        Objects.requireNonNull(denoiser, "denoiser");
        Objects.requireNonNull(sigmas, "sigmas");
        Objects.requireNonNull(noise, "noise");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
    }

    /** Number of steps: {@code sigmas.length - 1} (0 for fewer than two sigmas). */
    public int steps() {
        return Math.max(0, sigmas.length - 1);
    }

    /** Throws {@link SamplingCancelledException} if the run was cancelled. */
    public void checkCancelled(int step) {
        if (cancel.isCancelled()) {
            throw new SamplingCancelledException(step);
        }
    }

    /**
     * Calls the denoiser and makes sure its result belongs to the current step scope, even if
     * the denoiser ran inside a scope of its own.
     */
    public NDArray denoise(NDArray x, float sigma) {
        NDArray out = denoiser.denoise(x, sigma);
        adopt(out, x);
        return out;
    }

    /** {@link Denoiser#denoiseGuided}, with both results adopted by the current step scope. */
    public Denoiser.Guided denoiseGuided(NDArray x, float sigma) {
        Denoiser.Guided g = denoiser.denoiseGuided(x, sigma);
        adopt(g.denoised(), x);
        adopt(g.uncondDenoised(), x);
        return g;
    }

    /** One draw from the noise source, adopted by the current step scope. */
    public NDArray drawNoise(NDArray like, float sigma, float sigmaNext) {
        NDArray n = noise.draw(like, sigma, sigmaNext);
        adopt(n, like);
        return n;
    }

    /** Reports a step to the listener. */
    public void report(int step, float sigma, NDArray x, NDArray denoised) {
        listener.onStep(step, sigma, x, denoised);
    }

    private static void adopt(NDArray a, NDArray input) {
        if (a == input) {
            throw new IllegalStateException("a denoiser or noise source returned its input array; it must return a new"
                    + " array the sampler can close");
        }
        NDScope.register(a);
    }
}
