package dev.weft.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.TensorRuntime;
import org.junit.jupiter.api.Test;

/** The tensor side of ModelSampling (the scalar side is covered by the sigmas golden set). */
class ModelSamplingTest {
    @Test
    void epsAndVPredictionTurnModelOutputIntoX0() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray sigma = m.create(new float[] {1f, 3f});
            NDArray x = m.create(new float[] {2f, 2f, 4f, 4f}, new Shape(2, 2, 1, 1));
            NDArray out = m.ones(x.getShape());
            float[] eps = ModelSampling.sd(Parameterization.EPS).calculateDenoised(sigma, out, x).toFloatArray();
            assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, eps); // x - out * sigma
            float[] v = ModelSampling.sd(Parameterization.V_PREDICTION).calculateDenoised(sigma, out, x).toFloatArray();
            // x / (s^2 + 1) - out * s / sqrt(s^2 + 1)
            assertEquals(1f - 1f / (float) Math.sqrt(2), v[0], 1e-6f);
            assertEquals(0.4f - 3f / (float) Math.sqrt(10), v[2], 1e-6f);
            float[] in = ModelSampling.sd(Parameterization.EPS).calculateInput(sigma, x).toFloatArray();
            assertEquals(2f / (float) Math.sqrt(2), in[0], 1e-6f);
            assertEquals(4f / (float) Math.sqrt(10), in[3], 1e-6f);
        }
    }

    @Test
    void startNoiseIsScaledBySqrtOnePlusSigmaSquaredOnlyAtTheTopOfTheSchedule() {
        TensorRuntime.ensureInit();
        ModelSampling ms = ModelSampling.sd(Parameterization.EPS);
        assertTrue(ms.isMaxDenoise(ms.sigmaMax()));
        assertTrue(ms.isMaxDenoise(ms.sigmaMax() * (1 - 5e-6f)));
        assertFalse(ms.isMaxDenoise(ms.sigmaMax() * 0.99f));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = m.ones(new Shape(1, 1, 1, 1));
            NDArray latent = m.ones(noise.getShape()).mul(0.5f);
            assertEquals((float) Math.sqrt(1 + 9f) + 0.5f, ms.noiseScaling(3f, noise, latent, true).getFloat(0, 0, 0, 0));
            assertEquals(3.5f, ms.noiseScaling(3f, noise, latent, false).getFloat(0, 0, 0, 0));
        }
    }
}
