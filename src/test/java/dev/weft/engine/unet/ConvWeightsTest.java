package dev.weft.engine.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvWeightsTest {
    private static WeightMap load(String folder, NDManager m) throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(GoldenFiles.dir(folder).resolve("weights.safetensors"))) {
            return WeightMap.load(f, m);
        }
    }

    @Test
    void packedKernelsGiveTheSameUNetOutputAndUnpackBitIdentically() throws Exception {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager();
             WeightMap plain = load("unet_sd15_tiny", m);
             WeightMap packed = load("unet_sd15_tiny", m)) {
            List<String> keys = ConvWeights.packForCpu(packed, UNet.CHECKPOINT_PREFIX);
            assertTrue(keys.contains("model.diffusion_model.input_blocks.2.0.op.weight"));
            assertTrue(keys.contains("model.diffusion_model.out.2.weight"));
            assertFalse(keys.stream().anyMatch(k -> k.contains("proj_in") || k.contains("proj_out")),
                    "1x1 projections run as linear maps and stay plain");
            for (String k : keys) {
                NDArray p = packed.get(k);
                assertTrue(ConvWeights.isPacked(p));
                assertArrayEquals(plain.get(k).getShape().getShape(), p.getShape().getShape());
                assertArrayEquals(plain.get(k).toFloatArray(), ConvWeights.plain(p).toFloatArray(), k);
            }
            assertEquals(List.of(), ConvWeights.packForCpu(packed, UNet.CHECKPOINT_PREFIX), "packing twice is a no-op");

            Weights a = plain.prefixed(UNet.CHECKPOINT_PREFIX);
            Weights b = packed.prefixed(UNet.CHECKPOINT_PREFIX);
            assertEquals(UNetConfig.detect(a, AttentionHeads.count(2)), UNetConfig.detect(b, AttentionHeads.count(2)));
            JniUtils.setSeed(11);
            NDArray x = m.randomNormal(new Shape(2, 4, 11, 15));
            NDArray ctx = m.randomNormal(new Shape(2, 77, 32));
            NDArray t = m.create(new float[] {999f, 1f});
            NDArray ra = new UNet(UNetConfig.detect(a, AttentionHeads.count(2)), a).forward(x, t, ctx, null, null);
            NDArray rb = new UNet(UNetConfig.detect(b, AttentionHeads.count(2)), b).forward(x, t, ctx, null, null);
            Tolerance.Comparison c = Tolerance.MODELS.compare(rb.toFloatArray(), ra.toFloatArray());
            assertTrue(c.ok(), c.detail());
        }
    }

    @Test
    void packedControlNetKeepsItsStridedHintEncoderRight() throws Exception {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager();
             WeightMap plain = load("controlnet_tiny", m);
             WeightMap packed = load("controlnet_tiny", m)) {
            assertEquals(8 + 4 + 1 + 8 + 1 + 2, ConvWeights.packForCpu(packed, "").size(),
                    "8 hint convs, 4 zero convs, middle out, 8 ResBlock 3x3 convs, 1 skip, conv in and down");
            JniUtils.setSeed(12);
            NDArray x = m.randomNormal(new Shape(1, 4, 5, 7));
            NDArray hint = m.randomUniform(0f, 1f, new Shape(1, 3, 40, 56));
            NDArray ctx = m.randomNormal(new Shape(1, 77, 32));
            NDArray t = m.create(new float[] {321f});
            ControlResiduals ra = ControlNet.fromWeights(plain, AttentionHeads.count(2)).forward(x, hint, t, ctx, null);
            ControlResiduals rb = ControlNet.fromWeights(packed, AttentionHeads.count(2)).forward(x, hint, t, ctx, null);
            for (int i = 0; i < ra.output().size(); i++) {
                Tolerance.Comparison c = Tolerance.MODELS.compare(rb.output().get(i).toFloatArray(),
                        ra.output().get(i).toFloatArray());
                assertTrue(c.ok(), "output " + i + ": " + c.detail());
            }
            assertTrue(Tolerance.MODELS.compare(rb.middle().toFloatArray(), ra.middle().toFloatArray()).ok());
        }
    }
}
