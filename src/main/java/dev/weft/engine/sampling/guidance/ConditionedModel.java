package dev.weft.engine.sampling.guidance;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One batched evaluation of the diffusion model, returning denoised x0 (ComfyUI's
 * {@code model.apply_model} as {@code calc_cond_batch} calls it). The conditioning itself stays
 * opaque here: the implementation (the UNet wrapper) knows what POSITIVE and NEGATIVE mean and
 * concatenates the matching text embeddings, ControlNet residuals, etc. per chunk.
 *
 * <p>The implementation is expected to compute {@code model_sampling.calculate_input(sigma, x)},
 * the timestep {@code model_sampling.timestep(sigma)}, run the network and return
 * {@code model_sampling.calculate_denoised(sigma, output, x)}.
 *
 * <p>Engine thread only; the result is a new array owned by the caller.
 */
@FunctionalInterface
public interface ConditionedModel {
    /**
     * @param x      {@code [k*B, C, H, W]}: {@code k = chunks.size()} copies of the B-item latent
     *               batch, one per chunk, in the order of {@code chunks}
     * @param sigma  {@code [k*B]} noise level of every row
     * @param chunks the conditioning of each chunk
     * @return x0 {@code [k*B, C, H, W]}
     */
    NDArray predict(NDArray x, NDArray sigma, List<CondKind> chunks);
}
