package dev.weft.engine.models;

import dev.weft.engine.sampling.LatentFormat;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.unet.UNet;

/**
 * The MODEL socket value: a UNet (with its weights, possibly LoRA-patched), the noise schedule
 * and prediction type it was trained with, its latent format, and sampling-time patches such as
 * RescaleCFG. Immutable: patch nodes return a new value sharing the same weights.
 *
 * @param unet     the network and its weights
 * @param sampling the discrete schedule and parameterisation (EPS or V)
 * @param format   how latents are scaled in and out of model space
 * @param guidance CFG function and post-CFG hooks installed by patch nodes
 */
public record DiffusionModel(UNet unet, ModelSampling sampling, LatentFormat format, GuidanceOptions guidance) {
    public DiffusionModel withGuidance(GuidanceOptions g) {
        return new DiffusionModel(unet, sampling, format, g);
    }

    public DiffusionModel withUnet(UNet u) {
        return new DiffusionModel(u, sampling, format, guidance);
    }
}
