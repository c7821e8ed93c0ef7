package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.tensor.Weights;

/**
 * The input blocks and the middle block of an SD UNet, shared by {@link UNet} and
 * {@link ControlNet} (whose encoder is a trained copy with the same keys). Stateless apart from
 * the architecture; weights are passed on every call. Engine thread only.
 */
final class UNetEncoder {
    private final UNetConfig config;
    private final UNetLayout layout;

    UNetEncoder(UNetConfig config) {
        if (!config.convResample()) {
            throw new IllegalArgumentException("UNets with average-pool down-sampling (conv_resample False) are not supported");
        }
        this.config = config;
        this.layout = UNetLayout.of(config);
    }

    UNetConfig config() {
        return config;
    }

    UNetLayout layout() {
        return layout;
    }

    int inputBlockCount() {
        return layout.input().size();
    }

    /**
     * Runs input block {@code j} on {@code h}.
     *
     * @param embSilu SiLU of the timestep embedding [B, E]
     * @param context cross-attention context [B, T, D]
     * @return a new [B, C_j, H_j, W_j]
     */
    NDArray inputBlock(Ops ops, Weights w, int j, NDArray h, NDArray embSilu, NDArray context) {
        UNetLayout.InputBlock b = layout.input().get(j);
        String p = b.prefix();
        switch (b.kind()) {
            case CONV_IN:
                return ops.conv2d(w, p + "0.", h, 1, 1);
            case DOWNSAMPLE:
                return ops.conv2d(w, p + "0.op.", h, 2, 1);
            case RES:
                return resAndAttention(ops, w, p, h, embSilu, context, b.outChannels(), b.depth());
            default:
                throw new IllegalStateException(b.kind().toString());
        }
    }

    /** The middle block: ResBlock, then (depth >= 0) transformer and a second ResBlock. */
    NDArray middle(Ops ops, Weights w, NDArray h, NDArray embSilu, NDArray context) {
        UNetLayout.MiddleBlock m = layout.middle();
        if (m.depth() < 0) {
            return ResBlock.forward(ops, w, "middle_block.0.", h, embSilu);
        }
        return Ops.scoped(() -> {
            NDArray a = ResBlock.forward(ops, w, "middle_block.0.", h, embSilu);
            NDArray t = transformer(ops, w, "middle_block.1.", a, context, m.channels(), m.depth());
            a.close();
            return ResBlock.forward(ops, w, "middle_block.2.", t, embSilu);
        });
    }

    /** A ResBlock at {@code <p>0.} followed, when {@code depth > 0}, by a transformer at {@code <p>1.}. */
    NDArray resAndAttention(Ops ops, Weights w, String p, NDArray h, NDArray embSilu, NDArray context,
                            int channels, int depth) {
        if (depth == 0) {
            return ResBlock.forward(ops, w, p + "0.", h, embSilu);
        }
        return Ops.scoped(() -> {
            NDArray r = ResBlock.forward(ops, w, p + "0.", h, embSilu);
            return transformer(ops, w, p + "1.", r, context, channels, depth);
        });
    }

    private NDArray transformer(Ops ops, Weights w, String p, NDArray h, NDArray context, int channels, int depth) {
        if (context == null) {
            throw new IllegalArgumentException("this UNet has cross-attention (context width " + config.contextDim()
                    + ") but no context was given");
        }
        return SpatialTransformer.forward(ops, w, p, h, context, config.heads().headsFor(channels), depth);
    }
}
