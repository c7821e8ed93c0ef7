package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.Weights;

/**
 * ComfyUI's {@code SpatialTransformer}: group norm (eps 1e-6), {@code proj_in}, {@code depth}
 * {@code BasicTransformerBlock}s (self-attention, cross-attention, GEGLU feed-forward, each
 * pre-LayerNorm and residual), {@code proj_out}, plus the input. A 1x1-conv projection is applied
 * as the equivalent linear map on tokens, so both projection styles share one path.
 */
final class SpatialTransformer {
    private SpatialTransformer() {
    }

    /**
     * @param x       features [B, C, H, W]
     * @param context cross-attention context [B, T, D]
     * @param heads   attention heads for this width
     * @return [B, C, H, W]
     */
    static NDArray forward(Ops ops, Weights w, String prefix, NDArray x, NDArray context, int heads, int depth) {
        return Ops.scoped(() -> {
            Shape s = x.getShape();
            NDArray h = ops.groupNorm(w, prefix + "norm.", x, Ops.TRANSFORMER_NORM_EPS, false);
            NDArray tokens = ops.linear(w, prefix + "proj_in.", ops.toTokens(h));
            for (int i = 0; i < depth; i++) {
                NDArray next = block(ops, w, prefix + "transformer_blocks." + i + ".", tokens, context, heads);
                tokens.close();
                tokens = next;
            }
            NDArray projected = ops.linear(w, prefix + "proj_out.", tokens);
            NDArray out = ops.fromTokens(projected, s.get(2), s.get(3));
            ops.addInPlace(out, x);
            return out;
        });
    }

    /** One {@code BasicTransformerBlock} on tokens [B, N, C]; returns a new [B, N, C]. */
    private static NDArray block(Ops ops, Weights w, String p, NDArray tokens, NDArray context, int heads) {
        return Ops.scoped(() -> {
            NDArray x = tokens.add(Attention.forward(ops, w, p + "attn1.", ops.layerNorm(w, p + "norm1.", tokens),
                    null, heads));
            NDArray crossed = Attention.forward(ops, w, p + "attn2.", ops.layerNorm(w, p + "norm2.", x), context, heads);
            ops.addInPlace(x, crossed);
            ops.addInPlace(x, ops.feedForward(w, p + "ff.net.", ops.layerNorm(w, p + "norm3.", x)));
            return x;
        });
    }
}
