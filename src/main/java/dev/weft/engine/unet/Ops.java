package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.tensor.kernels.FusedKernels;
import java.util.function.Supplier;

/**
 * The DJL/PyTorch kernels the UNet family is built from, each timed into an {@link OpProfile} under
 * one of five kinds ({@link #CONV}, {@link #ATTENTION}, {@link #NORM}, {@link #LINEAR},
 * {@link #ELEMENTWISE}).
 * Parameters are looked up by key on every call (never cached). Every array a method returns is
 * new and inputs are left alone, except the target of {@link #addInPlace}. Engine thread only.
 */
final class Ops {
    /** ResBlock and output group norms (torch.nn.GroupNorm default). */
    static final float RESBLOCK_NORM_EPS = 1e-5f;
    /** SpatialTransformer's group norm ({@code Normalize} in ComfyUI's attention.py). */
    static final float TRANSFORMER_NORM_EPS = 1e-6f;
    /** torch.nn.LayerNorm default. */
    static final float LAYER_NORM_EPS = 1e-5f;
    static final int GROUPS = 32;
    /** Largest hidden activation of one feed-forward row block (stays below glibc's mmap threshold). */
    static final long FEED_FORWARD_BLOCK_BYTES = 16L << 20;

    /** Profile kind: 2-D convolutions (ResBlocks, down/up-sampling, in/out, ControlNet hint and zero convs). */
    static final String CONV = "conv";
    /** Profile kind: scaled dot-product attention (QK^T, softmax, PV; projections are {@link #LINEAR}). */
    static final String ATTENTION = "attention";
    /** Profile kind: group and layer normalisation, including the fused SiLU. */
    static final String NORM = "norm";
    /** Profile kind: linear layers (q/k/v/out projections, feed-forwards, proj_in/out, embeddings). */
    static final String LINEAR = "linear";
    /** Profile kind: element-wise work (SiLU, residual adds, up-sampling, concatenation, layout changes). */
    static final String ELEMENTWISE = "elementwise";

    /** DJL's code for torch's "nearest" interpolation. */
    private static final int NEAREST = 0;

    private final OpProfile profile;

    Ops(OpProfile profile) {
        this.profile = profile;
    }

    OpProfile profile() {
        return profile;
    }

    /**
     * Runs {@code body} in its own NDScope so every temporary it creates is freed on return; the
     * result survives and is handed to the enclosing scope. {@code body} must return a new array,
     * never one of its inputs.
     */
    static NDArray scoped(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    /**
     * {@code conv2d} with {@code <prefix>weight} [O,I,k,k] (plain, or prepacked by
     * {@link ConvWeights#packForCpu}) and optional {@code <prefix>bias}.
     */
    NDArray conv2d(Weights w, String prefix, NDArray x, int stride, int padding) {
        NDArray weight = w.get(prefix + "weight");
        NDArray bias = w.find(prefix + "bias").orElse(null);
        long t = profile.start();
        NDArray y = ConvWeights.isPacked(weight) ? FusedKernels.convPacked(x, weight, bias, stride, padding)
                : Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding),
                        new Shape(1, 1), 1).singletonOrThrow();
        if (profile.enabled()) {
            Shape ws = weight.getShape();
            Shape ys = y.getShape();
            profile.stop(CONV, t,
                    2.0 * ys.size() * ws.get(1) * ws.get(2) * ws.get(3));
        }
        return y;
    }

    /**
     * {@code x @ W^T + b} over the last axis, with {@code <prefix>weight} [O,I] (a 1x1 conv kernel
     * [O,I,1,1] is accepted too) and optional {@code <prefix>bias}.
     */
    NDArray linear(Weights w, String prefix, NDArray x) {
        return linear(x, w.get(prefix + "weight"), w.find(prefix + "bias").orElse(null));
    }

    NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        NDArray w2 = weight.getShape().dimension() == 2 ? weight
                : weight.reshape(weight.getShape().get(0), weight.getShape().get(1));
        long t = profile.start();
        NDArray y = Linear.linear(x, w2, bias).singletonOrThrow();
        if (profile.enabled()) {
            profile.stop(LINEAR, t, 2.0 * (x.getShape().size() / w2.getShape().get(1))
                    * w2.getShape().get(0) * w2.getShape().get(1));
        }
        if (w2 != weight) {
            w2.close();
        }
        return y;
    }

    /**
     * GroupNorm over 32 groups of {@code x} [B,C,...] with affine {@code <prefix>weight},
     * {@code <prefix>bias} [C], optionally followed by SiLU (in place, one native call).
     */
    NDArray groupNorm(Weights w, String prefix, NDArray x, float eps, boolean silu) {
        NDArray gamma = w.get(prefix + "weight");
        NDArray beta = w.get(prefix + "bias");
        long t = profile.start();
        NDArray y = FusedKernels.groupNorm(x, GROUPS, gamma, beta, eps, silu);
        profile.stop(NORM, t, 0);
        return y;
    }

    /** LayerNorm over the last axis with {@code <prefix>weight}, {@code <prefix>bias}. */
    NDArray layerNorm(Weights w, String prefix, NDArray x) {
        NDArray gamma = w.get(prefix + "weight");
        NDArray beta = w.get(prefix + "bias");
        long t = profile.start();
        NDArray y = JniUtils.layerNorm((PtNDArray) x, new Shape(gamma.getShape().get(0)), (PtNDArray) gamma,
                (PtNDArray) beta, LAYER_NORM_EPS);
        profile.stop(NORM, t, 0);
        return y;
    }

    /** {@code x * sigmoid(x)} as a new array. */
    NDArray silu(NDArray x) {
        long t = profile.start();
        NDArray y = FusedKernels.silu(x);
        profile.stop(ELEMENTWISE, t, 0);
        return y;
    }

    /**
     * The GEGLU feed-forward under {@code prefix} ({@code 0.proj} to twice the hidden width,
     * {@code a * gelu(g)}, {@code 2} back), on tokens [B, N, C], in row blocks that keep the
     * hidden activations under {@link #FEED_FORWARD_BLOCK_BYTES}.
     */
    NDArray feedForward(Weights w, String prefix, NDArray x) {
        NDArray w1 = w.get(prefix + "0.proj.weight");
        NDArray w2 = w.get(prefix + "2.weight");
        long hidden2 = w1.getShape().get(0);
        long rows = Math.max(1, FEED_FORWARD_BLOCK_BYTES / (4 * hidden2));
        long t = profile.start();
        NDArray y = FusedKernels.feedForward(x, w1, w.get(prefix + "0.proj.bias"), w2, w.get(prefix + "2.bias"), rows);
        if (profile.enabled()) {
            long tokens = x.getShape().size() / w1.getShape().get(1);
            profile.stop(LINEAR, t, 2.0 * tokens * (hidden2 * w1.getShape().get(1)
                    + w2.getShape().get(0) * w2.getShape().get(1)));
        }
        return y;
    }

    /**
     * Multi-head {@code softmax(q k^T / sqrt(d)) v} of [B,N,h*d] queries and [B,M,h*d] keys and
     * values, as [B,N,h*d].
     */
    NDArray attention(NDArray q, NDArray k, NDArray v, int heads) {
        long t = profile.start();
        NDArray y = FusedKernels.attention(q, k, v, heads);
        if (profile.enabled()) {
            Shape qs = q.getShape();
            profile.stop(ATTENTION, t, 4.0 * qs.get(0) * qs.get(1) * k.getShape().get(1) * qs.get(2));
        }
        return y;
    }

    /** Nearest-neighbour resize of [B,C,H,W] to {@code height x width} (torch "nearest"). */
    NDArray upsampleNearest(NDArray x, long height, long width) {
        long t = profile.start();
        NDArray y = JniUtils.interpolate((PtNDArray) x, new long[] {height, width}, NEAREST, false);
        profile.stop(ELEMENTWISE, t, 0);
        return y;
    }

    /** {@code target += addend} in place, for arrays this forward created. */
    void addInPlace(NDArray target, NDArray addend) {
        long t = profile.start();
        FusedKernels.addInPlace(target, addend);
        profile.stop(ELEMENTWISE, t, 0);
    }

    /** Channel concatenation of [B,C1,H,W] and [B,C2,H,W]. */
    NDArray concatChannels(NDArray a, NDArray b) {
        long t = profile.start();
        NDArray y = NDArrays.concat(new NDList(a, b), 1);
        profile.stop(ELEMENTWISE, t, 0);
        return y;
    }

    /** [B,C,H,W] to contiguous tokens [B,H*W,C] (free for channels-last features). */
    NDArray toTokens(NDArray x) {
        long t = profile.start();
        NDArray y = FusedKernels.toTokens(x);
        profile.stop(ELEMENTWISE, t, 0);
        return y;
    }

    /** Tokens [B,H*W,C] back to [B,C,H,W], channels-last, without a copy. */
    NDArray fromTokens(NDArray tokens, long height, long width) {
        long t = profile.start();
        NDArray y = FusedKernels.fromTokens(tokens, height, width);
        profile.stop(ELEMENTWISE, t, 0);
        return y;
    }
}
