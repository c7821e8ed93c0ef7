package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.tensor.Weights;

/**
 * Multi-head attention as ComfyUI's {@code CrossAttention} with {@code attention_basic}: plain
 * {@code softmax(Q K^T / sqrt(d)) V} in fp32 over all heads at once. The product runs in PyTorch's
 * fused CPU attention kernel ({@link Ops#attention}), which walks tiles of queries and keys with
 * an online softmax: at 64x64 latents the 4096x4096 score matrix of SD 1.5 (1 GiB for batch 2 and
 * 8 heads) never exists, and no query chunking is needed. Engine thread only.
 */
final class Attention {
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
            NDArray q = ops.linear(w, prefix + "to_q.", x);
            NDArray k = ops.linear(w, prefix + "to_k.", src);
            NDArray v = ops.linear(w, prefix + "to_v.", src);
            NDArray out = ops.attention(q, k, v, heads);
            return ops.linear(w, prefix + "to_out.0.", out);
        });
    }
}
