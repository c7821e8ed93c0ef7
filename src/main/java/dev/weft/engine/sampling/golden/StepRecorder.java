package dev.weft.engine.sampling.golden;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.StepListener;
import java.util.ArrayList;
import java.util.List;

/** Copies what the sampler reports at each step. */
final class StepRecorder implements StepListener {
    private final List<Integer> steps = new ArrayList<>();
    private final List<float[]> xs = new ArrayList<>();
    private final List<float[]> denoised = new ArrayList<>();

    @Override
    public void onStep(int step, float sigma, NDArray x, NDArray d) {
        steps.add(step);
        xs.add(x.toFloatArray());
        denoised.add(d.toFloatArray());
    }

    int count() {
        return steps.size();
    }

    int[] steps() {
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    float[] x(int k) {
        return xs.get(k);
    }

    float[] denoised(int k) {
        return denoised.get(k);
    }
}
