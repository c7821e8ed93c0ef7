package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-head attention as ComfyUI's {@code CrossAttention} with {@code attention_basic}: plain
 * {@code softmax(Q K^T / sqrt(d)) V} in fp32, heads batched into one matmul, queries processed in
 * chunks so the score matrix never exceeds {@link #scoreBudgetBytes} (at 64x64 latents the full
 * self-attention scores of SD 1.5 would be 1 GiB for batch 2). Engine thread only.
 */
final class Attention {
    /** Largest score block (batch x heads x query rows x keys, fp32) materialised at once. */
    static long scoreBudgetBytes = 64L << 20;

    private Attention() {
    }

    /**
     * The attention module under {@code prefix} ({@code to_q}, {@code to_k}, {@code to_v},
     * {@code to_out.0}).
     *
     * @param x       queries' source [B, N, C]
     * @param context keys' and values' source [B, M, D], or {@code null} for self-attention
     * @param heads   number of heads; {@code C_inner / heads} is the head width
     * @return [B, N, C]
     */
    static NDArray forward(Ops ops, Weights w, String prefix, NDArray x, NDArray context, int heads) {
        return Ops.scoped(() -> {
            NDArray src = context == null ? x : context;
            NDArray wq = w.get(prefix + "to_q.weight");
            long inner = wq.getShape().get(0);
            long headDim = inner / heads;
            // Folding 1/sqrt(d) into W_q scales an [inner, C] matrix instead of every score.
            NDArray q = ops.linear(x, wq.mul((float) (1.0 / Math.sqrt(headDim))), null);
            NDArray k = ops.linear(w, prefix + "to_k.", src);
            NDArray v = ops.linear(w, prefix + "to_v.", src);
            NDArray out = scaledDotProduct(ops, q, k, v, heads);
            return ops.linear(w, prefix + "to_out.0.", out);
        });
    }

    /**
     * {@code softmax(q k^T) v} per head, for pre-scaled {@code q}.
     *
     * @param q [B, N, h*d], already multiplied by {@code 1/sqrt(d)}
     * @param k [B, M, h*d]
     * @param v [B, M, h*d]
     * @return [B, N, h*d], contiguous
     */
    static NDArray scaledDotProduct(Ops ops, NDArray q, NDArray k, NDArray v, int heads) {
        return Ops.scoped(() -> {
            long t = ops.profile().start();
            Shape qs = q.getShape();
            long b = qs.get(0);
            long n = qs.get(1);
            long d = qs.get(2) / heads;
            long m = k.getShape().get(1);
            NDArray qh = q.reshape(b, n, heads, d).transpose(0, 2, 1, 3);
            NDArray kt = Ops.contiguous(k.reshape(b, m, heads, d).transpose(0, 2, 3, 1));
            NDArray vh = Ops.contiguous(v.reshape(b, m, heads, d).transpose(0, 2, 1, 3));
            long rows = Math.max(1, Math.min(n, scoreBudgetBytes / (4L * b * heads * m)));
            List<NDArray> parts = new ArrayList<>();
            for (long start = 0; start < n; start += rows) {
                long end = Math.min(n, start + rows);
                NDArray qc = qh.get(":, :, " + start + ":" + end + ", :");
                NDArray scores = qc.matMul(kt);
                NDArray probs = scores.softmax(-1);
                scores.close();
                NDArray o = probs.matMul(vh);
                probs.close();
                parts.add(o.transpose(0, 2, 1, 3));
            }
            NDArray merged = parts.size() == 1 ? Ops.contiguous(parts.get(0))
                    : NDArrays.concat(new NDList(parts), 1);
            NDArray out = merged.reshape(b, n, heads * d);
            ops.profile().stop(OpProfile.Kind.ATTENTION, t, 4.0 * b * heads * n * m * d);
            return out;
        });
    }
}
