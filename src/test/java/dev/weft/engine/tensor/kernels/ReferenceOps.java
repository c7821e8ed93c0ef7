package dev.weft.engine.tensor.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Plain, slow compositions of the engine's fused kernels ({@link FusedKernels}) out of basic DJL
 * ops, written from the textbook definitions, for the UNet's and VAE's tests to compare against.
 */
public final class ReferenceOps {
    private ReferenceOps() {
    }

    /** GroupNorm: per (sample, group) mean and biased variance, then the per-channel affine. */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps, boolean silu) {
        Shape s = x.getShape();
        NDArray g = x.reshape(s.get(0), groups, -1);
        NDArray mean = g.mean(new int[] {2}, true);
        NDArray centred = g.sub(mean);
        NDArray var = centred.square().mean(new int[] {2}, true);
        NDArray normed = centred.div(var.add(eps).sqrt()).reshape(s);
        long[] affine = new long[s.dimension()];
        java.util.Arrays.fill(affine, 1);
        affine[1] = s.get(1);
        NDArray y = normed.mul(gamma.reshape(affine)).add(beta.reshape(affine));
        return silu ? silu(y) : y;
    }

    public static NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    /** {@code softmax(q k^T / sqrt(d)) v} per head with explicit scores, for [B, N, h*d] inputs. */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, int heads) {
        long b = q.getShape().get(0);
        long n = q.getShape().get(1);
        long c = q.getShape().get(2);
        long m = k.getShape().get(1);
        long d = c / heads;
        NDArray qh = q.reshape(b, n, heads, d).transpose(0, 2, 1, 3);
        NDArray kh = k.reshape(b, m, heads, d).transpose(0, 2, 3, 1);
        NDArray vh = v.reshape(b, m, heads, d).transpose(0, 2, 1, 3);
        NDArray scores = qh.matMul(kh).mul((float) (1.0 / Math.sqrt(d)));
        NDArray out = scores.softmax(-1).matMul(vh);
        return out.transpose(0, 2, 1, 3).reshape(b, n, c);
    }

    /** {@code linear2(a * gelu(g))} with {@code [a, g] = linear1(x)}, all tokens at once. */
    public static NDArray feedForward(NDArray x, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
        NDArray h = x.matMul(w1.transpose()).add(b1);
        long half = h.getShape().get(2) / 2;
        NDArray a = h.get(":, :, 0:" + half);
        NDArray g = h.get(":, :, " + half + ":");
        NDArray gelu = g.mul(g.div((float) Math.sqrt(2)).erf().add(1f)).mul(0.5f);
        return a.mul(gelu).matMul(w2.transpose()).add(b2);
    }
}
