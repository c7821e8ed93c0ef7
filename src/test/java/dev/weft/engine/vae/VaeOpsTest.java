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

/** The fast building blocks against plain formulations of the same maths. */
class VaeOpsTest {
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

    @Test
    void fusedGroupNormMatchesTheTextbookFormulaPerSampleAndGroup() {
        NDArray x = m.randomNormal(2f, 3f, new Shape(2, 64, 9, 7), DataType.FLOAT32);
        w.put("n.weight", m.randomNormal(new Shape(64)));
        w.put("n.bias", m.randomNormal(new Shape(64)));
        VaeOps ops = new VaeOps(OpProfile.OFF, true);
        for (boolean silu : new boolean[] {false, true}) {
            NDArray fast = ops.groupNorm(x, w, "n", silu);
            NDArray ref = ReferenceOps.groupNorm(x, 32, w.get("n.weight"), w.get("n.bias"), 1e-6f, silu);
            assertTrue(maxRelative(fast, ref) < 1e-5, "silu " + silu + ": " + maxRelative(fast, ref));
        }
    }

    @Test
    void upsampleByPhasesEqualsNearestTwiceThenConvolution() {
        NDArray x = m.randomNormal(new Shape(2, 8, 5, 6));
        w.put("up.weight", m.randomNormal(new Shape(8, 8, 3, 3)));
        w.put("up.bias", m.randomNormal(new Shape(8)));
        VaeOps ops = new VaeOps(OpProfile.OFF, true);
        NDArray fast = ops.upsample(x, w, "up");
        // Nearest 2x by repeating each row and column, then an ordinary padded 3x3 convolution.
        NDArray big = x.repeat(2, 2).repeat(3, 2);
        NDArray ref = ops.conv(big, w, "up", 1, 1);
        assertEquals(new Shape(2, 8, 10, 12), fast.getShape());
        assertTrue(maxRelative(fast, ref) < 1e-5, "max relative difference " + maxRelative(fast, ref));
    }

    @Test
    void pointwiseConvolutionAsMatmulEqualsTheConvolution() {
        NDArray x = m.randomNormal(new Shape(2, 16, 5, 3));
        NDArray weight = m.randomNormal(new Shape(8, 16, 1, 1));
        NDArray bias = m.randomNormal(new Shape(8));
        NDArray fast = new VaeOps(OpProfile.OFF, true).conv(x, weight, bias, 1, 0);
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
        NDArray fast = new VaeOps(OpProfile.OFF, true).attention(x, w, "a");
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
