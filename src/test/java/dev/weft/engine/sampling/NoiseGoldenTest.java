package dev.weft.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.sampling.golden.NoiseSuite;
import dev.weft.engine.tensor.TensorRuntime;
import org.junit.jupiter.api.Test;

class NoiseGoldenTest {
    @Test
    void prepareNoiseIsBitIdenticalToComfyUiForEverySeedShapeAndBatchIndex() {
        GoldenAssertions.assertAllPassed(new NoiseSuite().run(GoldenFiles.dir("noise")));
    }

    @Test
    void batchIndexPicksTheMatchingPerItemDraw() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] all = InitialNoise.prepare(m, new Shape(4, 4, 2, 2), 7, new int[] {0, 1, 2, 3}).toFloatArray();
            float[] picked = InitialNoise.prepare(m, new Shape(2, 4, 2, 2), 7, new int[] {3, 1}).toFloatArray();
            float[] expected = new float[32];
            System.arraycopy(all, 48, expected, 0, 16);
            System.arraycopy(all, 16, expected, 16, 16);
            assertArrayEquals(expected, picked);
        }
    }
}
