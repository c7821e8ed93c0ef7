package dev.weft.engine.vae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.image.ImageTensors;
import dev.weft.engine.tensor.RandomWeights;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Large activations take the fast way (fused GroupNorm + Winograd convolutions, upsampling
 * without the doubled image), which the tiny golden cases are too small to reach; this checks a
 * whole decode at a size where it runs against the direct way, ComfyUI's.
 */
class WinogradPrecisionTest {
    @Test
    void decodeTheFastWayMatchesDirectConvolutionToUint8() {
        TensorRuntime.ensureInit();
        VaeConfig c = new VaeConfig(32, List.of(1, 2, 2), 1, 4, 4, true, 3, Set.of(), Set.of(), false, true, true);
        try (NDManager m = NDManager.newBaseManager(); WeightMap w = RandomWeights.create(VaeParameterShapes.of(c), 5, m)) {
            AutoencoderKL vae = AutoencoderKL.fromCheckpoint(w);
            JniUtils.setSeed(9);
            NDArray latent = m.randomNormal(new Shape(1, 4, 34, 33));
            NDArray fast = vae.decode(latent);
            NDArray direct = vae.withDirectConvolutions().decode(latent);
            double maxDiff = fast.sub(direct).abs().max().getFloat();
            assertTrue(maxDiff < 1e-4, "max difference " + maxDiff);
            byte[] a = ImageTensors.toUint8(fast.toFloatArray());
            byte[] b = ImageTensors.toUint8(direct.toFloatArray());
            int off = 0;
            for (int i = 0; i < a.length; i++) {
                off += a[i] != b[i] ? 1 : 0;
            }
            assertTrue(off <= 0.005 * a.length, off + " of " + a.length + " bytes differ");
        }
    }
}
