package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * The LATENT socket value, as ComfyUI's {@code {"samples": ..., "noise_mask"?: ..., "batch_index"?: ...}}.
 *
 * @param samples    [B, 4, H/8, W/8], unscaled VAE space (the sampler scales it in and out)
 * @param noiseMask  where to denoise (1) or keep (0), or {@code null}
 * @param batchIndex which noise draw each batch item takes (ComfyUI's {@code batch_index}), or {@code null}
 */
public record Latent(NDArray samples, NDArray noiseMask, int[] batchIndex) {
    public Latent {
        batchIndex = batchIndex == null ? null : batchIndex.clone();
    }

    public static Latent of(NDArray samples) {
        return new Latent(samples, null, null);
    }

    /** The same extras around new samples (what ComfyUI does with {@code out = latent.copy()}). */
    public Latent withSamples(NDArray newSamples) {
        return new Latent(newSamples, noiseMask, batchIndex);
    }

    public Optional<NDArray> mask() {
        return Optional.ofNullable(noiseMask);
    }

    @Override
    public int[] batchIndex() {
        return batchIndex == null ? null : batchIndex.clone();
    }
}
