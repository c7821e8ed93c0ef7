package dev.weft.engine.sampling.golden;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.sampling.Denoiser;
import dev.weft.engine.sampling.Scopes;
import dev.weft.engine.sampling.guidance.CondKind;
import dev.weft.engine.sampling.guidance.ConditionedModel;

/**
 * The stand-in model of the sampler golden cases: the ideal denoiser for data distributed as
 * N(mu, I), {@code D(x, s) = (x + s^2 mu) / (1 + s^2)}, in float32 exactly as the README writes
 * it. Also a model-free load for loop benchmarks and memory tests.
 */
public final class ClosedFormDenoiser implements Denoiser {
    private final NDArray mu;

    /** @param mu the data mean, broadcastable to the latent ({@code [B or 1, C, H, W]}); not owned */
    public ClosedFormDenoiser(NDArray mu) {
        this.mu = mu;
    }

    @Override
    public NDArray denoise(NDArray x, float sigma) {
        return Scopes.keep(() -> {
            long batch = x.getShape().get(0);
            NDArray s = x.getManager().full(new Shape(batch), sigma, DataType.FLOAT32);
            return apply(x, s, mu);
        });
    }

    /** {@code D} with per-row sigmas {@code [N]}. */
    static NDArray apply(NDArray x, NDArray sigma, NDArray mean) {
        NDArray s = sigma.reshape(sigma.size(), 1, 1, 1);
        NDArray s2 = s.mul(s);
        return x.add(s2.mul(mean)).div(s2.add(1f));
    }

    /**
     * Two such denoisers as one batched model: chunks for the positive conditioning use
     * {@code mu}, chunks for the negative one {@code muUncond} (the CFG++ golden runs).
     */
    public static ConditionedModel conditioned(NDArray mu, NDArray muUncond) {
        return (x, sigma, chunks) -> Scopes.keep(() -> {
            long rows = x.getShape().get(0) / chunks.size();
            NDList parts = new NDList();
            for (int k = 0; k < chunks.size(); k++) {
                String range = (k * rows) + ":" + ((k + 1) * rows);
                NDArray mean = chunks.get(k) == CondKind.POSITIVE ? mu : muUncond;
                parts.add(apply(x.get(range), sigma.get(range), mean));
            }
            return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        });
    }

}
