package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * How a model family's latents relate to the VAE's (ComfyUI's {@code comfy.latent_formats}):
 * the scale factor between the VAE latent (ComfyUI's LATENT) and model space, and the linear
 * latent-to-RGB approximation used for live previews.
 */
public enum LatentFormat {
    /** SD 1.x and 2.x. */
    SD15(0.18215f, new float[][] {
        {0.3512f, 0.2297f, 0.3227f},
        {0.3250f, 0.4974f, 0.2350f},
        {-0.2829f, 0.1762f, 0.2721f},
        {-0.2120f, -0.2616f, -0.7177f}}, null),
    /** SDXL. */
    SDXL(0.13025f, new float[][] {
        {0.3651f, 0.4232f, 0.4341f},
        {-0.2533f, -0.0042f, 0.1068f},
        {0.1076f, 0.1111f, -0.0362f},
        {-0.3165f, -0.2492f, -0.2188f}}, new float[] {0.1084f, -0.0175f, -0.0011f});

    private final float scaleFactor;
    private final float[][] rgbFactors;
    private final float[] rgbBias;

    LatentFormat(float scaleFactor, float[][] rgbFactors, float[] rgbBias) {
        this.scaleFactor = scaleFactor;
        this.rgbFactors = rgbFactors;
        this.rgbBias = rgbBias;
    }

    /** Multiplier from VAE latent to model space. */
    public float scaleFactor() {
        return scaleFactor;
    }

    /** Number of latent channels. */
    public int channels() {
        return rgbFactors.length;
    }

    /** A copy of the latent-to-RGB factors, {@code [channels][3]} (row = latent channel). */
    public float[][] rgbFactors() {
        float[][] out = new float[rgbFactors.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = rgbFactors[i].clone();
        }
        return out;
    }

    /** The RGB bias added after the factors, if this format has one. */
    public Optional<float[]> rgbBias() {
        return Optional.ofNullable(rgbBias).map(float[]::clone);
    }

    /** VAE latent to model space ({@code process_in}): {@code latent * scale}. */
    public NDArray processIn(NDArray latent) {
        return latent.mul(scaleFactor);
    }

    /** Model space to VAE latent ({@code process_out}): {@code latent / scale}. */
    public NDArray processOut(NDArray latent) {
        return latent.div(scaleFactor);
    }
}
