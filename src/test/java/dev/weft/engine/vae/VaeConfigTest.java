package dev.weft.engine.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VaeConfigTest {
    @Test
    void goldenF8ConfigIsReadFromShapesAndItsKeyLayoutIsReproduced() throws Exception {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager();
             SafetensorsFile f = SafetensorsFile.open(GoldenFiles.dir("vae_tiny").resolve("f8/weights.safetensors"));
             WeightMap w = WeightMap.load(f, m)) {
            VaeConfig c = VaeConfig.fromWeights(w.prefixed(AutoencoderKL.CHECKPOINT_PREFIX));
            assertEquals(new VaeConfig(32, List.of(1, 1, 1, 2), 1, 4, 4, true, 3, Set.of(), Set.of(), true, true, true), c);
            assertEquals(8, c.spatialFactor());
            assertEquals(8, c.encodeCropMultiple());
            Map<String, long[]> shapes = VaeParameterShapes.of(c);
            assertEquals(f.names(), shapes.keySet());
            for (String k : f.names()) {
                assertArrayEquals(f.info(k).shape(), shapes.get(k), k);
            }
        }
    }

    @Test
    void fullSizeSdVaeRoundTripsThroughItsShapes() {
        TensorRuntime.ensureInit();
        VaeConfig sd = VaeConfig.sd();
        try (NDManager m = NDManager.newBaseManager(); WeightMap w = WeightMap.create(m)) {
            VaeParameterShapes.of(sd).forEach((k, s) -> w.put(k, w.manager().zeros(new Shape(s))));
            assertEquals(sd, VaeConfig.fromWeights(w.prefixed(AutoencoderKL.CHECKPOINT_PREFIX)));
            assertEquals(83_653_863L, w.keys().stream().mapToLong(k -> w.get(k).size()).sum());
        }
    }

    @Test
    void cropMultipleFollowsComfyUI() {
        VaeConfig f2 = new VaeConfig(32, List.of(1, 2), 1, 4, 4, true, 3, Set.of(), Set.of(), true, true, true);
        VaeConfig f4 = new VaeConfig(32, List.of(1, 2, 4), 1, 4, 4, true, 3, Set.of(), Set.of(), true, true, true);
        assertEquals(8, f2.encodeCropMultiple());
        assertEquals(4, f4.encodeCropMultiple());
    }

    @Test
    void diffusersLayoutAndNonVaeFilesAreRefusedWithAReason() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager(); WeightMap w = WeightMap.create(m)) {
            w.put("decoder.up_blocks.0.resnets.0.norm1.weight", w.manager().zeros(new Shape(4)));
            VaeFormatException e = assertThrows(VaeFormatException.class, () -> VaeConfig.fromWeights(w));
            assertEquals(true, e.getMessage().startsWith("this VAE is in the diffusers layout"));
        }
        try (NDManager m = NDManager.newBaseManager(); WeightMap w = WeightMap.create(m)) {
            w.put("model.diffusion_model.input_blocks.0.0.weight", w.manager().zeros(new Shape(4)));
            Weights checkpoint = w;
            VaeFormatException e = assertThrows(VaeFormatException.class, () -> AutoencoderKL.fromCheckpoint(checkpoint));
            assertEquals("the checkpoint has no VAE weights (nothing under 'first_stage_model.'); load a VAE file "
                    + "with a VAELoader node instead", e.getMessage());
        }
    }
}
