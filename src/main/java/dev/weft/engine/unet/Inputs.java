package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Shape checks of a UNet / ControlNet call, with messages that say what was expected. */
final class Inputs {
    private Inputs() {
    }

    static void check(UNetConfig c, NDArray x, NDArray timesteps, NDArray context, NDArray y) {
        Shape xs = x.getShape();
        if (xs.dimension() != 4 || xs.get(1) != c.inChannels()) {
            throw new IllegalArgumentException("x must be [B, " + c.inChannels() + ", H, W], got " + xs);
        }
        long b = xs.get(0);
        if (timesteps.getShape().dimension() != 1 || timesteps.getShape().get(0) != b) {
            throw new IllegalArgumentException("timesteps must be [" + b + "] (one per batch item), got "
                    + timesteps.getShape());
        }
        if (context != null) {
            Shape cs = context.getShape();
            if (cs.dimension() != 3 || cs.get(0) != b || cs.get(2) != c.contextDim()) {
                throw new IllegalArgumentException("context must be [" + b + ", T, " + c.contextDim() + "], got " + cs);
            }
        }
        boolean adm = c.admInChannels() > 0;
        if (adm != (y != null)) {
            throw new IllegalArgumentException(adm
                    ? "this UNet takes an ADM vector y [" + b + ", " + c.admInChannels() + "] (SDXL: pooled text"
                            + " embedding and size embeddings); none was given"
                    : "this UNet has no ADM input (label_emb) but a y vector was given");
        }
        if (y != null) {
            Shape ys = y.getShape();
            if (ys.dimension() != 2 || ys.get(0) != b || ys.get(1) != c.admInChannels()) {
                throw new IllegalArgumentException("y must be [" + b + ", " + c.admInChannels() + "], got " + ys);
            }
        }
    }
}
