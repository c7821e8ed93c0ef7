package dev.weft.engine.models;

import dev.weft.engine.text.Sd1Clip;
import dev.weft.engine.vae.AutoencoderKL;

/**
 * What CheckpointLoaderSimple outputs: the diffusion model, the text encoder and the VAE of one
 * single-file checkpoint, all sharing the checkpoint's loaded weights.
 */
public record Checkpoint(DiffusionModel model, Sd1Clip clip, AutoencoderKL vae) {
}
