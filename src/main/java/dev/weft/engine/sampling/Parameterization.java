package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * What the diffusion network predicts, and so how its raw output becomes the denoised image x0
 * (ComfyUI's {@code EPS} and {@code V_PREDICTION} classes in {@code comfy/model_sampling.py};
 * sigma_data = 1 for both). Both share the same input scaling and noise scaling.
 */
public enum Parameterization {
    /** The network predicts the added noise: {@code x0 = x - out * sigma}. */
    EPS {
        @Override
        NDArray denoised(NDArray sigma, NDArray modelOutput, NDArray modelInput) {
            return modelInput.sub(modelOutput.mul(sigma));
        }
    },
    /**
     * The network predicts velocity:
     * {@code x0 = x / (sigma^2 + 1) - out * sigma / sqrt(sigma^2 + 1)}.
     */
    V_PREDICTION {
        @Override
        NDArray denoised(NDArray sigma, NDArray modelOutput, NDArray modelInput) {
            NDArray s2p1 = sigma.mul(sigma).add(1f);
            return modelInput.div(s2p1).sub(modelOutput.mul(sigma).div(s2p1.sqrt()));
        }
    };

    /**
     * The denoised prediction; {@code sigma} is already shaped to broadcast ({@code [B,1,1,1]}).
     */
    abstract NDArray denoised(NDArray sigma, NDArray modelOutput, NDArray modelInput);
}
