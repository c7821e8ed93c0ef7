package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The noise of ComfyUI's {@code default_noise_sampler(x, seed)}: a generator seeded with the
 * sampler seed, one {@code randn(x.shape)} per call. Weft uses libtorch's global CPU generator,
 * seeded at the first draw, so nothing else may draw random numbers on the engine thread while a
 * sampler runs (model forwards never do).
 *
 * <p>For samplers that ComfyUI feeds from a torchsde Brownian tree (dpmpp_sde, dpmpp_2m_sde,
 * dpmpp_3m_sde and variants) this gives independent Gaussians per interval instead: statistically
 * the same increments, but not ComfyUI's numbers.
 */
public final class SeededNoise implements NoiseSource {
    private final long seed;
    private boolean seeded;

    /** @param seed the KSampler seed */
    public SeededNoise(long seed) {
        this.seed = seed;
    }

    @Override
    public NDArray draw(NDArray like, float sigma, float sigmaNext) {
        if (!seeded) {
            JniUtils.setSeed(seed);
            seeded = true;
        }
        return like.getManager().randomNormal(like.getShape());
    }
}
