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

    private static NDArray direct3x3(NDArray x, NDArray w, NDArray b) {
        return Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
    }

    @Test
    void groupNormAffineFoldsTheStatisticsIntoAScaleAndShiftPerChannel() {
        NDArray x = m.randomNormal(new Shape(1, 64, 9, 7)).mul(3f).add(5f);
        NDArray gamma = m.randomNormal(new Shape(64));
        NDArray beta = m.randomNormal(new Shape(64));
        NDArray affine = FusedKernels.groupNormAffine(x, 32, gamma, beta, 1e-6);
        NDArray folded = x.mul(affine.get(0).reshape(1, 64, 1, 1)).add(affine.get(1).reshape(1, 64, 1, 1));
        assertClose(ReferenceOps.groupNorm(x, 32, gamma, beta, 1e-6f, false), folded);
    }

    @Test
    void winogradConvolutionMatchesTheDirectConvolutionWithNormAndResidualOnPartialTiles() {
        // 18 x 23 is not a multiple of the 4x4 output tile; tile rows 2 make several strips.
        NDArray x = m.randomNormal(new Shape(1, 64, 18, 23)).add(2f);
        NDArray w = m.randomNormal(new Shape(16, 64, 3, 3)).mul(0.05f);
        NDArray b = m.randomNormal(new Shape(16));
        NDArray gamma = m.randomNormal(new Shape(64));
        NDArray beta = m.randomNormal(new Shape(64));
        NDArray residual = m.randomNormal(new Shape(1, 16, 18, 23));
        NDArray u = FusedKernels.winogradKernel(w);
        assertClose(direct3x3(x, w, b), FusedKernels.winogradConv3x3(x, u, b, null, false, null, false, 2));
        NDArray normed = ReferenceOps.groupNorm(x, 32, gamma, beta, 1e-6f, true);
        NDArray want = direct3x3(normed, w, b).add(residual);
        NDArray affine = FusedKernels.groupNormAffine(x, 32, gamma, beta, 1e-6);
        NDArray into = FusedKernels.contiguous(residual.add(0f));
        assertClose(want, FusedKernels.winogradConv3x3(x, u, b, affine, true, into, false, 2));
        assertClose(want, into); // the residual was updated in place
    }

    @Test
    void winogradConvolutionOfAlignedImageAddsIntoTheResidualInPlace() {
        NDArray x = m.randomNormal(new Shape(1, 32, 16, 12));
        NDArray w = m.randomNormal(new Shape(32, 32, 3, 3)).mul(0.05f);
        NDArray b = m.randomNormal(new Shape(32));
        NDArray residual = m.randomNormal(new Shape(1, 32, 16, 12));
        NDArray into = FusedKernels.contiguous(residual.add(0f));
        FusedKernels.winogradConv3x3(x, FusedKernels.winogradKernel(w), b, null, false, into, false, 3).close();
        assertClose(direct3x3(x, w, b).add(residual), into);
    }

    @Test
    void winogradUpsampleEqualsNearestTwiceThenTheConvolution() {
        NDArray x = m.randomNormal(new Shape(1, 16, 9, 7));
        NDArray w = m.randomNormal(new Shape(8, 16, 3, 3)).mul(0.1f);
        NDArray b = m.randomNormal(new Shape(8));
        NDArray want = direct3x3(x.repeat(2, 2).repeat(3, 2), w, b);
        assertClose(want, FusedKernels.winogradConv3x3(x, FusedKernels.winogradUpsampleKernel(w), b, null, false, null,
                true, 1));
    }
}
