package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.tensor.Weights;

/**
 * ComfyUI's {@code ResBlock} without scale-shift norm or up/down: GroupNorm(32, eps 1e-5) + SiLU +
 * 3x3 conv, plus the projected timestep embedding, GroupNorm + SiLU + 3x3 conv, plus a skip that
 * is the identity or a 1x1 conv ({@code skip_connection}) when the width changes.
 */
final class ResBlock {
    private ResBlock() {
    }

    /**
     * @param x        [B, Cin, H, W]
     * @param embSilu  SiLU of the timestep embedding [B, E]; every ResBlock's {@code emb_layers}
     *                 starts with that SiLU, so the caller computes it once per step
     * @return [B, Cout, H, W]
     */
    static NDArray forward(Ops ops, Weights w, String p, NDArray x, NDArray embSilu) {
        return Ops.scoped(() -> {
            NDArray h = ops.conv2d(w, p + "in_layers.2.", ops.groupNorm(w, p + "in_layers.0.", x,
                    Ops.RESBLOCK_NORM_EPS, true), 1, 1);
            NDArray e = ops.linear(w, p + "emb_layers.1.", embSilu);
            ops.addInPlace(h, e.reshape(e.getShape().get(0), e.getShape().get(1), 1, 1));
            NDArray out = ops.conv2d(w, p + "out_layers.3.", ops.groupNorm(w, p + "out_layers.0.", h,
                    Ops.RESBLOCK_NORM_EPS, true), 1, 1);
            if (w.has(p + "skip_connection.weight")) {
                ops.addInPlace(out, ops.conv2d(w, p + "skip_connection.", x, 1, 0));
            } else {
                ops.addInPlace(out, x);
            }
            return out;
        });
    }
}
