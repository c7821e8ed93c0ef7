package dev.weft.engine.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weft.engine.tensor.TensorRuntime;
import org.junit.jupiter.api.Test;

class TimeEmbeddingTest {
    @Test
    void cosinesComeFirstThenSinesWithGeometricFrequencies() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] t = {0f, 1f, 999f, 437.25f};
            NDArray e = TimeEmbedding.sinusoidal(m.create(t), 8);
            assertArrayEquals(new long[] {4, 8}, e.getShape().getShape());
            float[] got = e.toFloatArray();
            for (int b = 0; b < t.length; b++) {
                for (int i = 0; i < 4; i++) {
                    double freq = Math.exp(-Math.log(10000) * i / 4);
                    // fp32 arguments near 1000 carry ~3e-5 absolute error, as in the reference.
                    assertEquals(Math.cos(t[b] * freq), got[b * 8 + i], 1e-4, "cos b" + b + " i" + i);
                    assertEquals(Math.sin(t[b] * freq), got[b * 8 + 4 + i], 1e-4, "sin b" + b + " i" + i);
                }
            }
        }
    }

    @Test
    void oddWidthsGetAZeroColumn() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray e = TimeEmbedding.sinusoidal(m.create(new float[] {5f}), 7);
            assertArrayEquals(new long[] {1, 7}, e.getShape().getShape());
            assertEquals(0f, e.toFloatArray()[6]);
            assertEquals(Math.cos(5.0), e.toFloatArray()[0], 1e-6, "t=5, frequency 1");
        }
    }
}
