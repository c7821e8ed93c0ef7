package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;

/**
 * How a model family scales VAE latents ({@code comfy/latent_formats.py}). A ComfyUI LATENT holds
 * the raw, unscaled VAE latent; the sampler works in model space. {@link #processIn} goes from
 * LATENT to model space (before sampling), {@link #processOut} back (after sampling).
 */
public enum LatentFormat {
    /** Stable Diffusion 1.x and 2.x. */
    SD15(0.18215f, 4),
    /** Stable Diffusion XL. */
    SDXL(0.13025f, 4);

    private final float scaleFactor;
    private final int channels;

    LatentFormat(float scaleFactor, int channels) {
        this.scaleFactor = scaleFactor;
        this.channels = channels;
    }

    /** The multiplier from VAE latent to model space. */
    public float scaleFactor() {
        return scaleFactor;
    }

    /** Latent channels. */
    public int channels() {
        return channels;
    }

    /** LATENT (VAE space) to model space: {@code latent · scale}. Returns a new array. */
    public NDArray processIn(NDArray latent) {
        return latent.mul(scaleFactor);
    }

    /** Model space to LATENT (VAE space): {@code latent / scale}. Returns a new array. */
    public NDArray processOut(NDArray modelSpace) {
        return modelSpace.div(scaleFactor);
    }
}
