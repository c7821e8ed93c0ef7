package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.Weights;
import java.util.function.Supplier;

/**
 * The DJL/PyTorch kernels the UNet family is built from, each timed into an {@link OpProfile}.
 * Parameters are looked up by key on every call (never cached). Every array a method returns is
 * new: inputs are never modified. Engine thread only.
 */
final class Ops {
    /** ResBlock and output group norms (torch.nn.GroupNorm default). */
    static final float RESBLOCK_NORM_EPS = 1e-5f;
    /** SpatialTransformer's group norm ({@code Normalize} in ComfyUI's attention.py). */
    static final float TRANSFORMER_NORM_EPS = 1e-6f;
    /** torch.nn.LayerNorm default. */
    static final float LAYER_NORM_EPS = 1e-5f;
    static final int GROUPS = 32;

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

    /** {@code conv2d} with {@code <prefix>weight} [O,I,k,k] and optional {@code <prefix>bias}. */
    NDArray conv2d(Weights w, String prefix, NDArray x, int stride, int padding) {
        NDArray weight = w.get(prefix + "weight");
        NDArray bias = w.find(prefix + "bias").orElse(null);
        long t = profile.start();
        NDArray y = Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), 1).singletonOrThrow();
        if (profile.enabled()) {
            Shape ws = weight.getShape();
            Shape ys = y.getShape();
            profile.stop(OpProfile.Kind.CONV, t,
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
            profile.stop(OpProfile.Kind.LINEAR, t, 2.0 * (x.getShape().size() / w2.getShape().get(1))
                    * w2.getShape().get(0) * w2.getShape().get(1));
        }
        if (w2 != weight) {
            w2.close();
        }
        return y;
    }

    /**
     * GroupNorm over 32 groups of {@code x} [B,C,...] with affine {@code <prefix>weight},
     * {@code <prefix>bias} [C], optionally followed by SiLU.
     */
    NDArray groupNorm(Weights w, String prefix, NDArray x, float eps, boolean silu) {
        NDArray gamma = w.get(prefix + "weight");
        NDArray beta = w.get(prefix + "bias");
        return scoped(() -> {
            long t = profile.start();
            Shape s = x.getShape();
            long b = s.get(0);
            long c = s.get(1);
            NDManager m = x.getManager();
            // Batch norm in training mode over [1, B*G, rest] normalises each (sample, group) with its
            // own biased statistics: exactly group norm's first half, in one native kernel.
            NDArray grouped = x.reshape(1, b * GROUPS, -1);
            NDArray ones = m.ones(new Shape(b * GROUPS), DataType.FLOAT32);
            NDArray zeros = m.zeros(new Shape(b * GROUPS), DataType.FLOAT32);
            NDArray normed = JniUtils.batchNorm((PtNDArray) grouped, (PtNDArray) zeros, (PtNDArray) ones,
                    (PtNDArray) ones, (PtNDArray) zeros, true, 0.0, eps);
            // The per-channel affine as an inference-mode batch norm (mean 0, var 1, eps 0): one pass.
            NDArray perChannel = normed.reshape(b, c, -1);
            NDArray cz = m.zeros(new Shape(c), DataType.FLOAT32);
            NDArray co = m.ones(new Shape(c), DataType.FLOAT32);
            NDArray y = JniUtils.batchNorm((PtNDArray) perChannel, (PtNDArray) cz, (PtNDArray) co,
                    (PtNDArray) gamma, (PtNDArray) beta, false, 0.0, 0.0).reshape(s);
            if (silu) {
                y = siluInPlace(y);
            }
            profile.stop(OpProfile.Kind.NORM, t, 0);
            return y;
        });
    }

    /** LayerNorm over the last axis with {@code <prefix>weight}, {@code <prefix>bias}. */
    NDArray layerNorm(Weights w, String prefix, NDArray x) {
        NDArray gamma = w.get(prefix + "weight");
        NDArray beta = w.get(prefix + "bias");
        long t = profile.start();
        NDArray y = JniUtils.layerNorm((PtNDArray) x, new Shape(gamma.getShape().get(0)), (PtNDArray) gamma,
                (PtNDArray) beta, LAYER_NORM_EPS);
        profile.stop(OpProfile.Kind.NORM, t, 0);
        return y;
    }

    /** {@code x * sigmoid(x)} as a new array. */
    NDArray silu(NDArray x) {
        long t = profile.start();
        NDArray s = x.getNDArrayInternal().sigmoid();
        s.muli(x);
        profile.stop(OpProfile.Kind.ELEMENTWISE, t, 0);
        return s;
    }

    /** SiLU of an array this class just created and nobody else holds. */
    private static NDArray siluInPlace(NDArray y) {
        NDArray s = y.getNDArrayInternal().sigmoid();
        y.muli(s);
        s.close();
        return y;
    }

    /** GEGLU's gate: {@code a * gelu(g)} where {@code [a, g]} are the halves of the last axis. */
    NDArray geglu(NDArray projected) {
        long t = profile.start();
        int last = projected.getShape().dimension() - 1;
        long half = projected.getShape().get(last) / 2;
        NDList parts = projected.split(new long[] {half}, last);
        NDArray y = parts.get(1).getNDArrayInternal().gelu();
        y.muli(parts.get(0));
        parts.close();
        profile.stop(OpProfile.Kind.ELEMENTWISE, t, 0);
        return y;
    }

    /** Nearest-neighbour resize of [B,C,H,W] to {@code height x width} (torch "nearest"). */
    NDArray upsampleNearest(NDArray x, long height, long width) {
        long t = profile.start();
        NDArray y = JniUtils.interpolate((PtNDArray) x, new long[] {height, width}, NEAREST, false);
        profile.stop(OpProfile.Kind.ELEMENTWISE, t, 0);
        return y;
    }

    /** Channel concatenation of [B,C1,H,W] and [B,C2,H,W]. */
    NDArray concatChannels(NDArray a, NDArray b) {
        long t = profile.start();
        NDArray y = NDArrays.concat(new NDList(a, b), 1);
        profile.stop(OpProfile.Kind.ELEMENTWISE, t, 0);
        return y;
    }

    /** [B,C,H,W] to contiguous tokens [B,H*W,C]. */
    NDArray toTokens(NDArray x) {
        long t = profile.start();
        Shape s = x.getShape();
        NDArray y = x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
        NDArray c = contiguous(y);
        profile.stop(OpProfile.Kind.ELEMENTWISE, t, 0);
        return c;
    }

    /** Tokens [B,H*W,C] back to a contiguous [B,C,H,W]. */
    NDArray fromTokens(NDArray tokens, long height, long width) {
        long t = profile.start();
        Shape s = tokens.getShape();
        NDArray y = contiguous(tokens.transpose(0, 2, 1)).reshape(s.get(0), s.get(2), height, width);
        profile.stop(OpProfile.Kind.ELEMENTWISE, t, 0);
        return y;
    }

    /**
     * A contiguous copy of a strided view (torch {@code .contiguous()}). DJL exposes no such call
     * and clone / element-wise ops keep a permuted layout, but stacking always writes a fresh
     * row-major tensor; dropping the added axis is then a free view.
     */
    static NDArray contiguous(NDArray view) {
        NDArray stacked = NDArrays.stack(new NDList(view), 0);
        NDArray out = stacked.reshape(view.getShape());
        stacked.close();
        return out;
    }
}
