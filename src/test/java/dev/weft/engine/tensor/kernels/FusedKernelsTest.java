package dev.weft.engine.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.tensor.TensorRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kernel of the shared TorchScript module against a plain composition of basic DJL ops. */
class FusedKernelsTest {
    private NDManager m;

    @BeforeEach
    void setUp() {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
        JniUtils.setSeed(7);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private static void assertClose(NDArray ref, NDArray got) {
        assertArrayEquals(ref.getShape().getShape(), got.getShape().getShape());
        Tolerance.Comparison c = Tolerance.MODELS.compare(got.toFloatArray(), ref.toFloatArray());
        assertTrue(c.ok(), c.detail());
    }

    @Test
    void groupNormWithAndWithoutSiluMatchesTheTextbookFormula() {
        NDArray x = m.randomNormal(new Shape(2, 64, 5, 7)).mul(3f).add(1f);
        NDArray gamma = m.randomNormal(new Shape(64));
        NDArray beta = m.randomNormal(new Shape(64));
        for (boolean silu : new boolean[] {false, true}) {
            assertClose(ReferenceOps.groupNorm(x, 32, gamma, beta, 1e-6f, silu),
                    FusedKernels.groupNorm(x, 32, gamma, beta, 1e-6f, silu));
        }
    }

    @Test
    void groupNormGivesTheSameNumbersForChannelsLastFeatures() {
        NDArray x = m.randomNormal(new Shape(2, 64, 6, 6));
        NDArray gamma = m.randomNormal(new Shape(64));
        NDArray beta = m.randomNormal(new Shape(64));
        assertClose(FusedKernels.groupNorm(x, 32, gamma, beta, 1e-5f, true),
                FusedKernels.groupNorm(FusedKernels.channelsLast(x), 32, gamma, beta, 1e-5f, true));
    }

    @Test
    void fusedAttentionMatchesExplicitSoftmaxScoresForSelfAndCrossAttention() {
        NDArray q = m.randomNormal(new Shape(2, 300, 64));
        NDArray k = m.randomNormal(new Shape(2, 300, 64));
        NDArray v = m.randomNormal(new Shape(2, 300, 64));
        assertClose(ReferenceOps.attention(q, k, v, 4), FusedKernels.attention(q, k, v, 4));
        NDArray kc = m.randomNormal(new Shape(2, 77, 64));
        NDArray vc = m.randomNormal(new Shape(2, 77, 64));
        assertClose(ReferenceOps.attention(q, kc, vc, 2), FusedKernels.attention(q, kc, vc, 2));
    }

    @Test
    void feedForwardInRowBlocksEqualsTheWholeComputation() {
        NDArray x = m.randomNormal(new Shape(2, 37, 16));
        NDArray w1 = m.randomNormal(new Shape(128, 16)).mul(0.25f);
        NDArray b1 = m.randomNormal(new Shape(128));
        NDArray w2 = m.randomNormal(new Shape(16, 64)).mul(0.125f);
        NDArray b2 = m.randomNormal(new Shape(16));
        NDArray ref = ReferenceOps.feedForward(x, w1, b1, w2, b2);
        for (long rows : new long[] {5, 37, 74, 1000}) {
            assertClose(ref, FusedKernels.feedForward(x, w1, b1, w2, b2, rows));
        }
    }

    @Test
    void tokensRoundTripThroughChannelsLastWithoutChangingValues() {
        NDArray x = m.randomNormal(new Shape(2, 8, 3, 5));
        NDArray tokens = FusedKernels.toTokens(FusedKernels.channelsLast(x));
        assertArrayEquals(new long[] {2, 15, 8}, tokens.getShape().getShape());
        assertEquals(x.get(1, 6, 2, 4).getFloat(), tokens.get(1, 2 * 5 + 4, 6).getFloat());
        assertArrayEquals(x.toFloatArray(), FusedKernels.fromTokens(tokens, 3, 5).toFloatArray());
    }

    @Test
    void winogradConvolutionWithResidualMatchesTheDirectConvolutionPlusResidual() {
        Assumptions.assumeTrue(FusedKernels.hasWinograd(), "this libtorch has no NNPACK");
        NDArray x = m.randomNormal(new Shape(1, 16, 20, 23));
        NDArray w = m.randomNormal(new Shape(8, 16, 3, 3)).mul(0.1f);
        NDArray b = m.randomNormal(new Shape(8));
        NDArray residual = m.randomNormal(new Shape(1, 8, 20, 23));
        NDArray direct = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
        assertClose(direct, FusedKernels.winogradConv3x3(x, w, b, null));
        assertClose(direct.add(residual), FusedKernels.winogradConv3x3(x, w, b, residual));
    }
}
