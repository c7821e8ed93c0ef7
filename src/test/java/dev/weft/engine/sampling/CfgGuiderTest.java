package dev.weft.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.sampling.guidance.CfgGuider;
import dev.weft.engine.sampling.guidance.CondKind;
import dev.weft.engine.sampling.guidance.ConditionedModel;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.tensor.TensorRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CfgGuiderTest {
    /** A model whose prediction is 1 for the positive chunk and 0 for the negative one. */
    private static final class Recording implements ConditionedModel {
        final List<List<CondKind>> calls = new ArrayList<>();
        final List<float[]> sigmas = new ArrayList<>();

        @Override
        public NDArray predict(NDArray x, NDArray sigma, List<CondKind> chunks) {
            calls.add(chunks);
            sigmas.add(sigma.toFloatArray());
            long rows = x.getShape().get(0) / chunks.size();
            NDArray out = x.zerosLike();
            for (int k = 0; k < chunks.size(); k++) {
                if (chunks.get(k) == CondKind.POSITIVE) {
                    out.set(new NDIndex((k * rows) + ":" + ((k + 1) * rows)), 1f);
                }
            }
            return out;
        }
    }

    @Test
    void cfgOneSkipsTheNegativePassAndReturnsThePositivePrediction() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager()) {
            Recording model = new Recording();
            NDArray x = m.ones(new Shape(2, 4, 2, 2));
            float[] d = new CfgGuider(model, 1.0, GuidanceOptions.DEFAULT).denoise(x, 3f).toFloatArray();
            assertEquals(List.of(List.of(CondKind.POSITIVE)), model.calls);
            assertArrayEquals(new float[] {3f, 3f}, model.sigmas.get(0));
            for (float v : d) {
                assertEquals(1f, v);
            }
        }
    }

    @Test
    void cfgBatchesNegativeThenPositiveInOneCallAndExtrapolates() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager()) {
            Recording model = new Recording();
            NDArray x = m.ones(new Shape(2, 4, 2, 2));
            float[] d = new CfgGuider(model, 7.5, GuidanceOptions.DEFAULT).denoise(x, 2f).toFloatArray();
            assertEquals(List.of(List.of(CondKind.NEGATIVE, CondKind.POSITIVE)), model.calls);
            assertArrayEquals(new float[] {2f, 2f, 2f, 2f}, model.sigmas.get(0));
            for (float v : d) {
                assertEquals(7.5f, v); // 0 + (1 - 0) * 7.5
            }
        }
    }

    @Test
    void cfgPlusPlusAlwaysEvaluatesTheNegativeEvenAtCfgOne() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager()) {
            Recording model = new Recording();
            NDArray x = m.ones(new Shape(1, 4, 2, 2));
            Denoiser.Guided g = new CfgGuider(model, 1.0, GuidanceOptions.DEFAULT).denoiseGuided(x, 1f);
            assertEquals(1, model.calls.size());
            assertEquals(List.of(CondKind.NEGATIVE, CondKind.POSITIVE), model.calls.get(0));
            assertEquals(0f, g.uncondDenoised().sum().getFloat());
            assertEquals(16f, g.denoised().sum().getFloat());
        }
    }
}
