package dev.weft.engine.sampling.golden;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.NoiseSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Returns recorded noise draws in call order and remembers the sigmas of each call, so a
 * sampler can be compared with ComfyUI's run step by step.
 */
public final class ReplayedNoise implements NoiseSource {
    private final NDArray draws;
    private final List<float[]> calls = new ArrayList<>();

    /**
     * @param draws {@code [K, B, C, H, W]}: draw k is returned by the k-th call; not owned; null when
     *              nothing was recorded (any draw is then an error)
     */
    public ReplayedNoise(NDArray draws) {
        this.draws = draws;
    }

    @Override
    public NDArray draw(NDArray like, float sigma, float sigmaNext) {
        int k = calls.size();
        calls.add(new float[] {sigma, sigmaNext});
        long recorded = draws == null ? 0 : draws.getShape().get(0);
        if (k >= recorded) {
            throw new IllegalStateException("noise draw " + (k + 1) + " requested, only " + recorded + " recorded");
        }
        NDArray d = draws.get(k);
        if (!d.getShape().equals(like.getShape())) {
            throw new IllegalStateException("recorded draw " + k + " has shape " + d.getShape() + ", sampler wants "
                    + like.getShape());
        }
        return d;
    }

    /** {@code {sigma, sigmaNext}} of every call so far. */
    public List<float[]> calls() {
        return calls;
    }
}
