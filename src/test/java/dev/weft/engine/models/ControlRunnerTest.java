package dev.weft.engine.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.sampling.Parameterization;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.unet.ControlResiduals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ComfyUI's get_control / control_merge rules as the sampler's model runs them. */
class ControlRunnerTest {
    private NDManager m;
    private ModelSampling sampling;
    private ControlRunner runner;
    private ControlNetModel first;
    private ControlNetModel second;
    private NDArray hint;
    private NDArray x;
    private NDArray sigma;
    private NDArray t;
    private NDArray context;

    @BeforeEach
    void init() {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
        sampling = ModelSampling.sd(Parameterization.EPS);
        runner = new ControlRunner(sampling, m);
        first = TinyControl.controlNet(m, 1, "first.safetensors");
        second = TinyControl.controlNet(m, 2, "second.safetensors");
        hint = TinyControl.uniform(m, 3, 1, 3, 40, 50);
        // cond and uncond rows of one batched call
        x = TinyControl.normal(m, 4, 2, 4, 8, 8);
        sigma = m.create(new float[] {3f, 3f});
        t = UNetDenoiser.timesteps(sampling, sigma);
        context = TinyControl.normal(m, 5, 2, 77, TinyControl.CONTEXT);
    }

    @AfterEach
    void free() {
        m.close();
    }

    @Test
    void chainedControlNetsAddTheirScaledResiduals() {
        ControlHint a = new ControlHint(first, hint, 0.7, 0, 1);
        ControlHint b = new ControlHint(second, hint, 1.3, 0, 1);
        List<float[]> alone = flat(run(List.of(a)));
        List<float[]> other = flat(run(List.of(b)));
        List<float[]> chained = flat(run(List.of(a, b)));
        assertEquals(alone.size(), chained.size());
        for (int i = 0; i < chained.size(); i++) {
            for (int j = 0; j < chained.get(i).length; j++) {
                assertEquals(alone.get(i)[j] + other.get(i)[j], chained.get(i)[j], 1e-6, "residual " + i);
            }
        }
    }

    @Test
    void strengthMultipliesEveryResidual() {
        List<float[]> full = flat(run(List.of(new ControlHint(first, hint, 1.0, 0, 1))));
        List<float[]> half = flat(run(List.of(new ControlHint(first, hint, 0.5, 0, 1))));
        for (int i = 0; i < full.size(); i++) {
            float[] expected = full.get(i).clone();
            for (int j = 0; j < expected.length; j++) {
                expected[j] *= 0.5f;
            }
            assertArrayEquals(expected, half.get(i), "residual " + i);
        }
        assertTrue(full.stream().anyMatch(r -> maxAbs(r) > 1e-3), "the tiny ControlNet gives residuals");
    }

    @Test
    void aControlNetActsOnlyWhileSigmaIsInsideItsPercentWindow() {
        ControlHint secondHalf = new ControlHint(first, hint, 1.0, 0.5, 1.0);
        float middle = (float) sampling.percentToSigma(0.5);
        assertFalse(runner.active(secondHalf, Math.nextUp(middle)));
        assertTrue(runner.active(secondHalf, middle));
        assertTrue(runner.active(secondHalf, sampling.sigmaMin()));
        ControlHint firstHalf = new ControlHint(first, hint, 1.0, 0.0, 0.5);
        assertTrue(runner.active(firstHalf, sampling.sigmaMax()));
        assertFalse(runner.active(firstHalf, Math.nextDown(middle)));

        // sigma 3 is above the middle: only the first-half ControlNet of a chain acts
        assertTrue(3f > middle);
        assertNull(run(List.of(secondHalf)));
        assertSameResiduals(flat(run(List.of(firstHalf))), flat(run(List.of(secondHalf, firstHalf))));
    }

    @Test
    void shuffleControlNetsGiveEachResidualAsItsSpatialMeanTimesStrength() {
        ControlNetModel pooled = new ControlNetModel(first.net(), "first_shuffle.safetensors", true);
        ControlResiduals plain = run(List.of(new ControlHint(first, hint, 0.8, 0, 1)));
        ControlResiduals mean = run(List.of(new ControlHint(pooled, hint, 0.8, 0, 1)));
        for (int i = 0; i < plain.output().size(); i++) {
            float[] values = plain.output().get(i).toFloatArray();
            Shape s = plain.output().get(i).getShape();
            int plane = (int) (s.get(2) * s.get(3));
            float[] got = mean.output().get(i).toFloatArray();
            for (int p = 0; p < values.length / plane; p++) {
                double sum = 0;
                for (int j = 0; j < plane; j++) {
                    sum += values[p * plane + j];
                }
                for (int j = 0; j < plane; j++) {
                    assertEquals(sum / plane, got[p * plane + j], 1e-6, "residual " + i + " plane " + p);
                }
            }
        }
    }

    @Test
    void theHintIsResizedToEightTimesTheLatentWithACentreCrop() {
        NDArray resized = runner.resizedHint(new ControlHint(first, hint, 1, 0, 1), 8, 8);
        assertEquals(new Shape(1, 3, 64, 64), resized.getShape());
        // 40x50 cropped to 40x40 in the middle (columns 5..44), then nearest-exact x1.6: output
        // column 0 samples source column floor(0.5 / 1.6) = 0 of the crop
        assertEquals(hint.getFloat(0, 0, 0, 5), resized.getFloat(0, 0, 0, 0));
        assertEquals(hint.getFloat(0, 1, 39, 44), resized.getFloat(0, 1, 63, 63));
    }

    @Test
    void aSingleHintServesBothChunksLikeARepeatedOne() {
        NDArray twice = hint.repeat(0, 2);
        List<float[]> single = flat(run(List.of(new ControlHint(first, hint, 1, 0, 1))));
        List<float[]> repeated = flat(run(List.of(new ControlHint(first, twice, 1, 0, 1))));
        for (int i = 0; i < single.size(); i++) {
            // a batch of one hint embedding against two: other conv kernels, same values to rounding
            assertArrayEquals(repeated.get(i), single.get(i), 1e-5f, "residual " + i);
        }
    }

    @Test
    void broadcastRepeatsHintRowsPerChunkAsComfyUi() {
        NDArray three = rows(3);
        assertArrayEquals(new float[] {0, 1, 0, 1}, firstValues(ControlRunner.broadcast(three, 4, 2)));
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2}, firstValues(ControlRunner.broadcast(three, 6, 2)));
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0}, firstValues(ControlRunner.broadcast(rows(2), 6, 2)));
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, firstValues(ControlRunner.broadcast(rows(2), 5, 1)));
        NDArray one = rows(1);
        assertTrue(ControlRunner.broadcast(one, 4, 2) == one);
        assertTrue(ControlRunner.broadcast(three, 3, 1) == three);
    }

    private ControlResiduals run(List<ControlHint> hints) {
        return runner.residuals(hints, x, sigma, t, context, 2);
    }

    private static List<float[]> flat(ControlResiduals r) {
        assertNotNull(r);
        List<float[]> out = new ArrayList<>();
        r.output().forEach(o -> out.add(o.toFloatArray()));
        out.add(r.middle().toFloatArray());
        return out;
    }

    private static void assertSameResiduals(List<float[]> expected, List<float[]> got) {
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), "residual " + i);
        }
    }

    private NDArray rows(int n) {
        float[] v = new float[n * 2];
        for (int i = 0; i < n; i++) {
            v[2 * i] = i;
            v[2 * i + 1] = i;
        }
        return m.create(v, new Shape(n, 2, 1, 1));
    }

    private static float[] firstValues(NDArray rows) {
        long n = rows.getShape().get(0);
        float[] all = rows.toFloatArray();
        float[] out = new float[(int) n];
        int per = all.length / (int) n;
        for (int i = 0; i < n; i++) {
            out[i] = all[i * per];
        }
        return out;
    }

    private static float maxAbs(float[] v) {
        float max = 0;
        for (float f : v) {
            max = Math.max(max, Math.abs(f));
        }
        return max;
    }
}
