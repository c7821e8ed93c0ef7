package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.tensor.kernels.FusedKernels;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The SD 1.x / 2.x / SDXL denoising UNet (ComfyUI's {@code openaimodel.UNetModel} with
 * {@code attention_basic}), built from a {@link UNetConfig} and a {@link Weights} whose keys are
 * relative to the UNet ({@code input_blocks.1.1.proj_in.weight}, ...; for a checkpoint use
 * {@code checkpoint.prefixed("model.diffusion_model.")}).
 *
 * <p>Features are kept in channels-last memory order inside the forward; inputs and outputs are
 * ordinary row-major arrays (control residuals may be in either order).
 *
 * <p>The model holds no arrays: every forward looks its parameters up in {@link #weights()}, so a
 * LoRA-patched variant is {@link #withWeights} over an overlaying {@code Weights}. Immutable;
 * forwards run on the engine thread that owns the arrays.
 */
public final class UNet {
    /** Where a single-file checkpoint keeps the UNet. */
    public static final String CHECKPOINT_PREFIX = "model.diffusion_model.";

    private final UNetEncoder encoder;
    private final Weights weights;
    private final OpProfile profile;

    /**
     * @param weights parameters with keys relative to the UNet
     */
    public UNet(UNetConfig config, Weights weights) {
        this(new UNetEncoder(config), weights, OpProfile.OFF);
        if (!config.hasDecoder()) {
            throw new IllegalArgumentException("the config has no output blocks (a ControlNet encoder?)");
        }
    }

    private UNet(UNetEncoder encoder, Weights weights, OpProfile profile) {
        this.encoder = encoder;
        this.weights = weights;
        this.profile = profile;
    }

    /**
     * A UNet for a single-file checkpoint: keys under {@link #CHECKPOINT_PREFIX}, architecture
     * detected from shapes, heads from the detected family ({@link AttentionHeads#familyDefault}).
     */
    public static UNet fromCheckpoint(Weights checkpoint) {
        Weights w = checkpoint.prefixed(CHECKPOINT_PREFIX);
        return new UNet(UNetConfig.detect(w), w);
    }

    public UNetConfig config() {
        return encoder.config();
    }

    public Weights weights() {
        return weights;
    }

    /** The same architecture over other parameters (e.g. a LoRA overlay). */
    public UNet withWeights(Weights other) {
        return new UNet(encoder, other, profile);
    }

    /** The same model recording its operations into {@code p} (benchmarks). */
    public UNet withProfile(OpProfile p) {
        return new UNet(encoder, weights, p);
    }

    /** Number of input blocks, i.e. of skip connections and of per-block control residuals. */
    public int inputBlockCount() {
        return encoder.inputBlockCount();
    }

    /**
     * Predicts the model output (epsilon for SD 1.x) for a batch.
     *
     * @param x         latents [B, in, H, W], any H and W (odd sizes work: up-sampling follows
     *                  the skip tensors' sizes)
     * @param timesteps [B] fp32 model timesteps (0..999, fractional allowed)
     * @param context   cross-attention context [B, T, contextDim] (T a multiple of 77 typically)
     * @param y         ADM vector [B, admInChannels] for SDXL-style models, else {@code null}
     * @param control   control residuals or {@code null}; see {@link ControlResiduals}
     * @return [B, out, H, W], a new array attached to {@code x}'s manager
     * @throws IllegalArgumentException when a shape does not fit the model, naming it
     */
    public NDArray forward(NDArray x, NDArray timesteps, NDArray context, NDArray y, ControlResiduals control) {
        UNetConfig c = config();
        Inputs.check(c, x, timesteps, context, y);
        if (control != null) {
            control.checkFits(inputBlockCount());
        }
        Ops ops = new Ops(profile);
        NDArray out = Ops.scoped(() -> {
            NDArray emb = TimeEmbedding.embed(ops, weights, c, timesteps, y);
            NDArray embSilu = ops.silu(emb);
            emb.close();
            Deque<NDArray> skips = new ArrayDeque<>();
            // Channels-last features let oneDNN convolve without re-layouts and make the
            // transformers' token views free; the result goes back to row-major at the end.
            NDArray h = FusedKernels.channelsLast(x);
            for (int j = 0; j < inputBlockCount(); j++) {
                h = encoder.inputBlock(ops, weights, j, h, embSilu, context);
                NDArray residual = control == null ? null : control.inputFor(j);
                if (residual != null) {
                    ops.addInPlace(h, residual);
                }
                skips.push(h);
            }
            h = encoder.middle(ops, weights, h, embSilu, context);
            if (control != null && control.middle() != null) {
                ops.addInPlace(h, control.middle());
            }
            for (UNetLayout.OutputBlock b : encoder.layout().output()) {
                NDArray skip = skips.pop();
                NDArray residual = control == null ? null : control.outputFor(skips.size());
                if (residual != null) {
                    ops.addInPlace(skip, residual);
                }
                NDArray cat = ops.concatChannels(h, skip);
                h.close();
                skip.close();
                Shape next = skips.isEmpty() ? null : skips.peek().getShape();
                h = outputBlock(ops, b, cat, embSilu, context, next);
                cat.close();
            }
            NDArray normed = ops.groupNorm(weights, "out.0.", h, Ops.RESBLOCK_NORM_EPS, true);
            h.close();
            return FusedKernels.release(ops.conv2d(weights, "out.2.", normed, 1, 1));
        });
        out.attach(x.getManager());
        return out;
    }

    /** Output block {@code b} on the concatenated features; {@code nextSkip} sizes the up-sampling. */
    private NDArray outputBlock(Ops ops, UNetLayout.OutputBlock b, NDArray cat, NDArray embSilu, NDArray context,
                                Shape nextSkip) {
        NDArray h = encoder.resAndAttention(ops, weights, b.prefix(), cat, embSilu, context, b.outChannels(),
                b.depth());
        if (b.upsampleAt() < 0) {
            return h;
        }
        return Ops.scoped(() -> {
            Shape s = h.getShape();
            long height = nextSkip == null ? 2 * s.get(2) : nextSkip.get(2);
            long width = nextSkip == null ? 2 * s.get(3) : nextSkip.get(3);
            NDArray up = ops.upsampleNearest(h, height, width);
            h.close();
            return ops.conv2d(weights, b.prefix() + b.upsampleAt() + ".conv.", up, 1, 1);
        });
    }
}
