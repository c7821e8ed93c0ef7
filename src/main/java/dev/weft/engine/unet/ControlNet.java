package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.tensor.kernels.FusedKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * An SD ControlNet (ComfyUI's {@code cldm.ControlNet}): the hint image goes through
 * {@code input_hint_block} (eight 3x3 convs with SiLU between, three of stride 2, so a hint at 8x
 * the latent size lands on the latent grid) and is added after input block 0 of a copied UNet
 * encoder; every input block's output goes through its 1x1 {@code zero_convs.<j>} and the middle
 * block's through {@code middle_block_out}. The raw result is returned as {@link ControlResiduals}
 * ready for {@link UNet#forward}; strength, hint resizing and timestep conversion are the caller's
 * (ComfyUI's {@code comfy.controlnet.ControlNet} wrapper).
 *
 * <p>Holds no arrays (see {@link UNet}). Immutable; engine thread only.
 */
public final class ControlNet {
    /** Prefix of ControlNets saved in the original ldm layout with their wrapper. */
    public static final String LDM_PREFIX = "control_model.";

    /** Conv indices of {@code input_hint_block} (SiLUs sit at the odd indices in between). */
    private static final int[] HINT_CONVS = {0, 2, 4, 6, 8, 10, 12, 14};

    private final ControlNetConfig config;
    private final UNetEncoder encoder;
    private final Weights weights;
    private final OpProfile profile;

    /**
     * @param weights parameters with keys relative to the ControlNet ({@code zero_convs.0.0.weight})
     */
    public ControlNet(ControlNetConfig config, Weights weights) {
        this(config, weights, OpProfile.OFF);
    }

    private ControlNet(ControlNetConfig config, Weights weights, OpProfile profile) {
        this.config = config;
        this.encoder = new UNetEncoder(config.encoder());
        this.weights = weights;
        this.profile = profile;
    }

    /**
     * A ControlNet from the tensors of a ControlNet file in the ldm layout, with or without the
     * {@code control_model.} prefix, architecture detected from shapes.
     *
     * @param heads the head rule of the UNet family it controls (e.g. {@link AttentionHeads#SD1})
     */
    public static ControlNet fromWeights(Weights file, AttentionHeads heads) {
        Weights w = file.has(LDM_PREFIX + "zero_convs.0.0.weight") ? file.prefixed(LDM_PREFIX) : file;
        return new ControlNet(ControlNetConfig.detect(w, heads), w);
    }

    public ControlNetConfig config() {
        return config;
    }

    public Weights weights() {
        return weights;
    }

    /** The same model recording its operations into {@code p}. */
    public ControlNet withProfile(OpProfile p) {
        return new ControlNet(config, weights, p);
    }

    /**
     * The raw residuals for one model call.
     *
     * @param x         latents [B, in, H, W] (already scaled as the UNet input)
     * @param hint      control image [B or 1, hintChannels, 8H, 8W]; a single hint serves the whole
     *                  batch (its embedding is computed once and broadcast, as in ComfyUI)
     * @param timesteps [B] fp32 model timesteps
     * @param context   cross-attention context [B, T, contextDim]
     * @param y         ADM vector or {@code null}
     * @return one output residual per input block (after its zero conv) and the middle residual,
     *         new row-major arrays attached to {@code x}'s manager (the caller may scale them in
     *         place)
     */
    public ControlResiduals forward(NDArray x, NDArray hint, NDArray timesteps, NDArray context, NDArray y) {
        UNetConfig c = config.encoder();
        Inputs.check(c, x, timesteps, context, y);
        Shape hs = hint.getShape();
        Shape xs = x.getShape();
        if (hs.dimension() != 4 || hs.get(0) != xs.get(0) && hs.get(0) != 1 || hs.get(1) != config.hintChannels()
                || hs.get(2) != 8 * xs.get(2) || hs.get(3) != 8 * xs.get(3)) {
            String batch = xs.get(0) == 1 ? "1" : xs.get(0) + " or 1";
            throw new IllegalArgumentException("hint must be [" + batch + ", " + config.hintChannels() + ", "
                    + 8 * xs.get(2) + ", " + 8 * xs.get(3) + "] (8x the latent), got " + hs);
        }
        Ops ops = new Ops(profile);
        List<NDArray> outputs = new ArrayList<>();
        NDArray middle = Ops.scoped(() -> {
            NDArray emb = TimeEmbedding.embed(ops, weights, c, timesteps, y);
            NDArray embSilu = ops.silu(emb);
            NDArray guided = hintEmbedding(ops, FusedKernels.channelsLast(hint));
            NDArray h = FusedKernels.channelsLast(x);
            for (int j = 0; j < encoder.inputBlockCount(); j++) {
                NDArray next = encoder.inputBlock(ops, weights, j, h, embSilu, context);
                if (j == 0) {
                    ops.addInPlace(next, guided);
                }
                h.close();
                h = next;
                NDArray residual = FusedKernels.release(ops.conv2d(weights, "zero_convs." + j + ".0.", h, 1, 0));
                NDScope.unregister(residual);
                outputs.add(residual);
            }
            NDArray m = encoder.middle(ops, weights, h, embSilu, context);
            return FusedKernels.release(ops.conv2d(weights, "middle_block_out.0.", m, 1, 0));
        });
        for (NDArray o : outputs) {
            NDScope.register(o);
            o.attach(x.getManager());
        }
        middle.attach(x.getManager());
        return ControlResiduals.of(outputs, middle);
    }

    /** Stride of {@code input_hint_block.<index>}: the 3rd, 5th and 7th convs halve the size. */
    static int hintConvStride(int index) {
        return index == 4 || index == 8 || index == 12 ? 2 : 1;
    }

    private NDArray hintEmbedding(Ops ops, NDArray hint) {
        return Ops.scoped(() -> {
            NDArray h = hint;
            for (int i = 0; i < HINT_CONVS.length; i++) {
                int index = HINT_CONVS[i];
                NDArray next = ops.conv2d(weights, "input_hint_block." + index + ".", h, hintConvStride(index), 1);
                h = i == HINT_CONVS.length - 1 ? next : ops.silu(next);
            }
            return h;
        });
    }
}
