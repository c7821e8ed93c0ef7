package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.unet.ControlNet;

/**
 * A ControlNet applied to one conditioning entry (ComfyUI's {@code set_cond_hint}).
 *
 * @param net          the loaded ControlNet
 * @param hint         the control image, IMAGE [B, H, W, 3] in 0..1; resized to the latent size ×8
 *                     (nearest-exact, centre crop) when sampling
 * @param strength     multiplier of every residual
 * @param startPercent where in the schedule the ControlNet starts acting (0 = first step)
 * @param endPercent   where it stops (1 = last step)
 */
public record ControlHint(ControlNet net, NDArray hint, double strength, double startPercent, double endPercent) {
}
