package dev.weft.engine.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.kernels.ReferenceOps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The building blocks against plain formulations of the same maths. Sizes of 64x64 positions and
 * more take the fast (fused Winograd) way; width 66 is not a multiple of the 4-pixel tile.
 */
class VaeOpsTest {
    private static final VaeOps FAST = new VaeOps(OpProfile.OFF, true);
    private static final VaeOps DIRECT = new VaeOps(OpProfile.OFF, false);

    private NDManager m;
    private WeightMap w;

    @BeforeEach
    void setUp() {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
        w = WeightMap.create(m);
        JniUtils.setSeed(11);
    }

    @AfterEach
    void tearDown() {
        w.close();
        m.close();
    }

    private static double maxRelative(NDArray got, NDArray want) {
        double diff = got.sub(want).abs().max().getFloat();
        return diff / Math.max(1e-12, want.abs().max().getFloat());
    }

    private void conv(String prefix, int out, int in, int k) {
        w.put(prefix + ".weight", m.randomNormal(0f, (float) (1 / Math.sqrt(in * k * k)), new Shape(out, in, k, k),
                DataType.FLOAT32));
        w.put(prefix + ".bias", m.randomNormal(0f, 0.1f, new Shape(out), DataType.FLOAT32));
    }

    private void norm(String prefix, int c) {
        w.put(prefix + ".weight", m.randomUniform(0.5f, 1.5f, new Shape(c)));
        w.put(prefix + ".bias", m.randomNormal(0f, 0.2f, new Shape(c), DataType.FLOAT32));
    }

    private static NDArray directConv(NDArray x, NDArray weight, NDArray bias) {
        return JniUtils.convolution(VaeOps.pt(x), VaeOps.pt(weight), VaeOps.pt(bias), new Shape(1, 1), new Shape(1, 1),
                new Shape(1, 1), 1);
    }

    @Test
    void fusedGroupNormMatchesTheTextbookFormulaPerSampleAndGroup() {
        NDArray x = m.randomNormal(2f, 3f, new Shape(2, 64, 9, 7), DataType.FLOAT32);
        norm("n", 64);
        for (boolean silu : new boolean[] {false, true}) {
            NDArray fast = DIRECT.groupNorm(x, w, "n", silu);
            NDArray ref = ReferenceOps.groupNorm(x, 32, w.get("n.weight"), w.get("n.bias"), 1e-6f, silu);
            assertTrue(maxRelative(fast, ref) < 1e-5, "silu " + silu + ": " + maxRelative(fast, ref));
        }
    }

    @Test
    void fusedNormSiluConvWithResidualMatchesNormThenDirectConvolutionPlusResidual() {
        // Offset activations make the norm's statistics matter; the odd width gives partial tiles.
        NDArray x = m.randomNormal(3f, 2f, new Shape(1, 64, 64, 66), DataType.FLOAT32);
        norm("n", 64);
        conv("c", 32, 64, 3);
        NDArray residual = m.randomNormal(new Shape(1, 32, 64, 66));
        NDArray h = ReferenceOps.groupNorm(x, 32, w.get("n.weight"), w.get("n.bias"), 1e-6f, true);
        NDArray ref = directConv(h, w.get("c.weight"), w.get("c.bias")).add(residual);
        NDArray fast = FAST.normSiluConv(x, w, "n", "c", residual.duplicate());
        assertEquals(new Shape(1, 32, 64, 66), fast.getShape());
        assertTrue(maxRelative(fast, ref) < 1e-4, "max relative difference " + maxRelative(fast, ref));
        NDArray plain = DIRECT.normSiluConv(x, w, "n", "c", null);
        assertTrue(maxRelative(plain, ref.sub(residual)) < 1e-5, "direct way: " + maxRelative(plain, ref.sub(residual)));
    }

    @Test
    void upsampleWithoutTheDoubledImageEqualsNearestTwiceThenConvolution() {
        NDArray x = m.randomNormal(new Shape(1, 32, 64, 66));
        conv("up", 32, 32, 3);
        // Nearest 2x by repeating each row and column, then an ordinary padded 3x3 convolution.
        NDArray ref = directConv(x.repeat(2, 2).repeat(3, 2), w.get("up.weight"), w.get("up.bias"));
        NDArray fast = FAST.upsample(x.duplicate(), w, "up");
        assertEquals(new Shape(1, 32, 128, 132), fast.getShape());
        assertTrue(maxRelative(fast, ref) < 1e-4, "fast way: " + maxRelative(fast, ref));
        NDArray plain = DIRECT.upsample(x.duplicate(), w, "up");
        assertTrue(maxRelative(plain, ref) < 1e-6, "direct way: " + maxRelative(plain, ref));
    }

    @Test
    void resnetBlockChangingChannelsIsTheSameBothWays() {
        NDArray x = m.randomNormal(1f, 2f, new Shape(1, 64, 64, 64), DataType.FLOAT32);
        norm("r.norm1", 64);
        conv("r.conv1", 32, 64, 3);
        norm("r.norm2", 32);
        conv("r.conv2", 32, 32, 3);
        conv("r.nin_shortcut", 32, 64, 1);
        NDArray plain = DIRECT.resnetBlock(x.duplicate(), w, "r");
        NDArray fast = FAST.resnetBlock(x.duplicate(), w, "r");
        assertTrue(maxRelative(fast, plain) < 1e-4, "max relative difference " + maxRelative(fast, plain));
    }

    @Test
    void pointwiseConvolutionAsMatmulEqualsTheConvolution() {
        NDArray x = m.randomNormal(new Shape(2, 16, 5, 3));
        NDArray weight = m.randomNormal(new Shape(8, 16, 1, 1));
        NDArray bias = m.randomNormal(new Shape(8));
        NDArray fast = DIRECT.conv(x, weight, bias, 1, 0);
        NDArray ref = JniUtils.convolution(VaeOps.pt(x), VaeOps.pt(weight), VaeOps.pt(bias), new Shape(1, 1),
                new Shape(0, 0), new Shape(1, 1), 1);
        assertTrue(maxRelative(fast, ref) < 1e-6);
    }

    @Test
    void chunkedAttentionEqualsOneSoftmaxOverAllPositions() {
        int c = 32;
        NDArray x = m.randomNormal(new Shape(1, c, 6, 5));
        for (String p : new String[] {"q", "k", "v", "proj_out"}) {
            w.put("a." + p + ".weight", m.randomNormal(0f, 0.2f, new Shape(c, c, 1, 1), DataType.FLOAT32));
            w.put("a." + p + ".bias", m.randomNormal(new Shape(c)));
        }
        w.put("a.norm.weight", m.ones(new Shape(c)));
        w.put("a.norm.bias", m.zeros(new Shape(c)));
        NDArray fast = DIRECT.attention(x.duplicate(), w, "a");
        NDArray h = ReferenceOps.groupNorm(x, 32, w.get("a.norm.weight"), w.get("a.norm.bias"), 1e-6f, false)
                .reshape(c, 30);
        NDArray q = w.get("a.q.weight").reshape(c, c).matMul(h).add(w.get("a.q.bias").reshape(c, 1));
        NDArray k = w.get("a.k.weight").reshape(c, c).matMul(h).add(w.get("a.k.bias").reshape(c, 1));
        NDArray v = w.get("a.v.weight").reshape(c, c).matMul(h).add(w.get("a.v.bias").reshape(c, 1));
        NDArray probs = q.transpose().matMul(k).div(Math.sqrt(c)).softmax(1);     // [N, N]
        NDArray att = v.matMul(probs.transpose());                                  // [C, N]
        NDArray ref = w.get("a.proj_out.weight").reshape(c, c).matMul(att).add(w.get("a.proj_out.bias").reshape(c, 1))
                .reshape(1, c, 6, 5).add(x);
        assertTrue(maxRelative(fast, ref) < 1e-5, "max relative difference " + maxRelative(fast, ref));
    }
}
