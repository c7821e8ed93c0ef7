package dev.weft.engine.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.tensor.RandomWeights;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour of the UNet and ControlNet beyond the golden numbers, on the tiny golden weights. */
class UNetForwardTest {
    private NDManager m;

    @BeforeEach
    void setUp() {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
        JniUtils.setSeed(3);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private WeightMap load(String folder) throws Exception {
        Path dir = GoldenFiles.dir(folder);
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("weights.safetensors"))) {
            return WeightMap.load(f, m);
        }
    }

    private UNet sd15(WeightMap all) {
        Weights w = all.prefixed(UNet.CHECKPOINT_PREFIX);
        return new UNet(UNetConfig.detect(w, AttentionHeads.count(2)), w);
    }

    @Test
    void aBatchOfTwoGivesTheSameAsTwoSingleCallsAsCfgBatchingNeeds() throws Exception {
        try (WeightMap all = load("unet_sd15_tiny")) {
            UNet unet = sd15(all);
            NDArray x = m.randomNormal(new Shape(2, 4, 9, 13));
            NDArray ctx = m.randomNormal(new Shape(2, 77, 32));
            NDArray t = m.create(new float[] {999f, 12.5f});
            NDArray both = unet.forward(x, t, ctx, null, null);
            assertArrayEquals(new long[] {2, 4, 9, 13}, both.getShape().getShape());
            for (int i = 0; i < 2; i++) {
                NDArray one = unet.forward(x.get(i + ":" + (i + 1)), t.get(i + ":" + (i + 1)),
                        ctx.get(i + ":" + (i + 1)), null, null);
                Tolerance.Comparison c = Tolerance.MODELS.compare(one.toFloatArray(),
                        both.get(i + ":" + (i + 1)).toFloatArray());
                assertTrue(c.ok(), c.detail());
            }
        }
    }

    @Test
    void aForwardLeavesNoTemporaryArraysBehind() throws Exception {
        try (WeightMap all = load("unet_sd15_tiny")) {
            UNet unet = sd15(all);
            NDArray x = m.randomNormal(new Shape(1, 4, 11, 15));
            NDArray ctx = m.randomNormal(new Shape(1, 77, 32));
            NDArray t = m.create(new float[] {500f});
            int inputs = m.getManagedArrays().size();
            int weights = all.manager().getManagedArrays().size();
            unet.forward(x, t, ctx, null, null).close();
            assertEquals(inputs, m.getManagedArrays().size(), "arrays left on the input's manager");
            assertEquals(weights, all.manager().getManagedArrays().size(), "arrays left on the weights' manager");
        }
    }

    @Test
    void outputsAreOrdinaryArraysThatCallersMayUpdateInPlace() throws Exception {
        try (WeightMap unetWeights = load("unet_sd15_tiny"); WeightMap cnWeights = load("controlnet_tiny")) {
            ConvWeights.packForCpu(unetWeights, UNet.CHECKPOINT_PREFIX);
            ConvWeights.packForCpu(cnWeights, "");
            NDArray x = m.randomNormal(new Shape(1, 4, 4, 4));
            NDArray ctx = m.randomNormal(new Shape(1, 77, 32));
            NDArray t = m.create(new float[] {10f});
            NDArray eps = sd15(unetWeights).forward(x, t, ctx, null, null);
            float before = eps.getFloat(0, 0, 0, 0);
            eps.muli(2f);
            assertEquals(2 * before, eps.getFloat(0, 0, 0, 0), 1e-6f);
            ControlResiduals r = ControlNet.fromWeights(cnWeights, AttentionHeads.count(2))
                    .forward(x, m.zeros(new Shape(1, 3, 32, 32)), t, ctx, null);
            r.middle().muli(0.5f);
            r.output().get(0).muli(0.5f);
            NDArray kernel = ConvWeights.plain(unetWeights.get("model.diffusion_model.out.2.weight"));
            kernel.addi(1f);
        }
    }

    @Test
    void wrongShapesAreRefusedWithTheExpectedShapeInTheMessage() throws Exception {
        try (WeightMap all = load("unet_sd15_tiny")) {
            UNet unet = sd15(all);
            NDArray x = m.randomNormal(new Shape(1, 4, 8, 8));
            NDArray t = m.create(new float[] {1f});
            IllegalArgumentException ctxWidth = assertThrows(IllegalArgumentException.class,
                    () -> unet.forward(x, t, m.zeros(new Shape(1, 77, 768)), null, null));
            assertTrue(ctxWidth.getMessage().contains("[1, T, 32]"), ctxWidth.getMessage());
            IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                    () -> unet.forward(m.zeros(new Shape(1, 9, 8, 8)), t, m.zeros(new Shape(1, 77, 32)), null, null));
            assertTrue(channels.getMessage().contains("[B, 4, H, W]"), channels.getMessage());
            IllegalArgumentException adm = assertThrows(IllegalArgumentException.class,
                    () -> unet.forward(x, t, m.zeros(new Shape(1, 77, 32)), m.zeros(new Shape(1, 16)), null));
            assertTrue(adm.getMessage().contains("no ADM input"), adm.getMessage());
            IllegalArgumentException residuals = assertThrows(IllegalArgumentException.class,
                    () -> unet.forward(x, t, m.zeros(new Shape(1, 77, 32)), null,
                            ControlResiduals.of(List.of(m.zeros(new Shape(1, 32, 8, 8))), null)));
            assertTrue(residuals.getMessage().contains("4 skip connections"), residuals.getMessage());
        }
    }

    @Test
    void controlNetFilesWithTheControlModelPrefixGiveTheSameResiduals() throws Exception {
        try (WeightMap plain = load("controlnet_tiny"); WeightMap prefixed = WeightMap.create(m)) {
            for (String k : plain.keys()) {
                prefixed.put(ControlNet.LDM_PREFIX + k, plain.get(k).duplicate());
            }
            ControlNet a = ControlNet.fromWeights(plain, AttentionHeads.count(2));
            ControlNet b = ControlNet.fromWeights(prefixed, AttentionHeads.count(2));
            assertEquals(a.config(), b.config());
            NDArray x = m.randomNormal(new Shape(1, 4, 5, 6));
            NDArray hint = m.randomUniform(0f, 1f, new Shape(1, 3, 40, 48));
            NDArray ctx = m.randomNormal(new Shape(1, 77, 32));
            NDArray t = m.create(new float[] {250f});
            ControlResiduals ra = a.forward(x, hint, t, ctx, null);
            ControlResiduals rb = b.forward(x, hint, t, ctx, null);
            assertEquals(4, ra.output().size());
            assertArrayEquals(new long[] {1, 64, 3, 3}, ra.middle().getShape().getShape());
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(ra.output().get(i).toFloatArray(), rb.output().get(i).toFloatArray());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.forward(x, m.zeros(new Shape(1, 3, 40, 40)), t, ctx, null));
            assertTrue(e.getMessage().contains("[1, 3, 40, 48]"), e.getMessage());
        }
    }

    @Test
    void controlNetResidualsFeedTheUNetLikeComfyUisDict() throws Exception {
        try (WeightMap unetWeights = load("unet_sd15_tiny"); WeightMap cnWeights = load("controlnet_tiny")) {
            UNet unet = sd15(unetWeights);
            ControlNet cn = ControlNet.fromWeights(cnWeights, AttentionHeads.count(2));
            NDArray x = m.randomNormal(new Shape(1, 4, 6, 7));
            NDArray ctx = m.randomNormal(new Shape(1, 77, 32));
            NDArray t = m.create(new float[] {700f});
            ControlResiduals r = cn.forward(x, m.randomUniform(0f, 1f, new Shape(1, 3, 48, 56)), t, ctx, null);
            NDArray plain = unet.forward(x, t, ctx, null, null);
            NDArray controlled = unet.forward(x, t, ctx, null, r);
            assertTrue(plain.sub(controlled).abs().max().getFloat() > 1e-4f, "residuals change the output");
            List<NDArray> zeros = new ArrayList<>();
            for (NDArray o : r.output()) {
                zeros.add(o.zerosLike());
            }
            NDArray zero = unet.forward(x, t, ctx, null, ControlResiduals.of(zeros, r.middle().zerosLike()));
            assertArrayEquals(plain.toFloatArray(), zero.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void randomWeightsBuildAWorkingModelOfAnyDetectedShape() {
        UNetConfig tiny = new UNetConfig(4, 4, 32, List.of(1, 2), List.of(1, 1), List.of(1, 0), List.of(0, 0, 1, 1), -1,
                16, true, 0, true, AttentionHeads.width(8));
        Map<String, long[]> shapes = ParameterShapes.unet(tiny);
        assertEquals(tiny, UNetConfig.detect(shapes, AttentionHeads.width(8)));
        try (WeightMap w = RandomWeights.create(shapes, 5, m)) {
            NDArray out = new UNet(tiny, w).forward(m.randomNormal(new Shape(1, 4, 7, 5)), m.create(new float[] {3f}),
                    m.randomNormal(new Shape(1, 10, 16)), null, null);
            assertArrayEquals(new long[] {1, 4, 7, 5}, out.getShape().getShape());
            assertTrue(Float.isFinite(NDArrays.concat(new NDList(out.reshape(-1))).abs().max().getFloat()));
        }
    }
}
