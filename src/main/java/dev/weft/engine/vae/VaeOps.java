package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.tensor.kernels.FusedKernels;

/**
 * The building blocks of ComfyUI's {@code comfy/ldm/modules/diffusionmodules/model.py} Encoder and
 * Decoder on DJL's PyTorch engine, fp32: convolution, GroupNorm(32, eps 1e-6) with optional SiLU,
 * resnet block, single-head spatial self-attention, strided downsampling with ComfyUI's
 * asymmetric padding, and nearest-2x upsampling followed by a 3x3 convolution.
 *
 * <p>Every method takes NCHW activations and a {@link Weights} view positioned so that
 * {@code prefix + ".weight"} names the parameter; parameters are looked up on every call. Results
 * belong to the manager of the input activation; inputs are never modified or closed.
 * Temporaries are closed as soon as they are dead, so the peak is a few activations of the largest
 * level. Engine thread only.
 */
final class VaeOps {
    /** Query rows per attention chunk are chosen so one score block stays near this many floats. */
    private static final long ATTENTION_SCORE_FLOATS = 8L << 20;

    /**
     * From this many output positions on, 3x3 convolutions use Winograd (NNPACK); below it oneDNN's
     * direct convolution is faster here (measured at 64x64 vs 128x128 with 512 channels).
     */
    static final long WINOGRAD_MIN_POSITIONS = 128 * 128;

    private final OpProfile profile;
    private final boolean winograd;

    /**
     * @param profile  where to record per-op time ({@link OpProfile#OFF} for none)
     * @param winograd whether large 3x3 convolutions may use Winograd (tests compare both)
     */
    VaeOps(OpProfile profile, boolean winograd) {
        this.profile = profile;
        this.winograd = winograd;
    }

    /** A 2-D convolution with square stride and symmetric zero padding, bias included. */
    NDArray conv(NDArray x, Weights w, String prefix, int stride, int pad) {
        return conv(x, w.get(prefix + ".weight"), w.get(prefix + ".bias"), stride, pad);
    }

    /** A 2-D convolution with explicit parameter arrays (which stay the caller's). */
    NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int pad) {
        return conv(x, weight, bias, stride, pad, null);
    }

    /**
     * A convolution plus {@code residual} (same shape as the output) when it is not null; the
     * residual is added as part of the call because Winograd results cannot be updated in place.
     */
    private NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int pad, NDArray residual) {
        Shape ks = weight.getShape();
        if (ks.get(2) == 1 && ks.get(3) == 1 && stride == 1 && pad == 0) {
            return addResidual(pointwise(x, weight, bias), residual);
        }
        long t = profile.start();
        Shape xs = x.getShape();
        boolean wino = winograd && ks.get(2) == 3 && ks.get(3) == 3 && stride == 1 && pad == 1 && xs.get(0) == 1
                && xs.get(2) * xs.get(3) >= WINOGRAD_MIN_POSITIONS && FusedKernels.hasWinograd();
        NDArray y = wino ? FusedKernels.winogradConv3x3(x, weight, bias, residual)
                : JniUtils.convolution(pt(x), pt(weight), pt(bias), new Shape(stride, stride), new Shape(pad, pad),
                        new Shape(1, 1), 1);
        Shape ys = y.getShape();
        double flops = 2.0 * ys.get(0) * ys.get(2) * ys.get(3) * ks.get(0) * ks.get(1) * ks.get(2) * ks.get(3);
        record("conv" + ks.get(2) + "x" + ks.get(3) + (wino ? ".winograd" : ""), t, flops);
        return wino ? y : addResidual(y, residual);
    }

    private NDArray addResidual(NDArray y, NDArray residual) {
        if (residual != null) {
            long t = profile.start();
            JniUtils.addi(pt(y), pt(residual));
            record("residual", t, 0);
        }
        return y;
    }

    /**
     * A 1x1 convolution as one matrix product [O, C] x [B, C, H·W]: oneDNN's 1x1 path spends most
     * of its time reordering NCHW data, a plain GEMM does not.
     */
    private NDArray pointwise(NDArray x, NDArray weight, NDArray bias) {
        long t = profile.start();
        Shape s = x.getShape();
        long o = weight.getShape().get(0);
        NDArray y;
        try (NDArray w2 = weight.reshape(o, s.get(1));
             NDArray xf = x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
             NDArray b3 = bias.reshape(1, o, 1)) {
            NDArray flat = JniUtils.matmul(pt(w2), pt(xf));
            JniUtils.addi(pt(flat), pt(b3));
            y = flat.reshape(s.get(0), o, s.get(2), s.get(3));
            flat.close();
        }
        record("conv1x1", t, 2.0 * s.get(0) * s.get(2) * s.get(3) * o * s.get(1));
        return y;
    }

    /**
     * GroupNorm with {@link VaeConfig#GROUPS} groups and the affine parameters under {@code prefix},
     * followed by SiLU when {@code silu} is set, in one native call ({@link FusedKernels}).
     */
    NDArray groupNorm(NDArray x, Weights w, String prefix, boolean silu) {
        checkGroups(x, prefix);
        long t = profile.start();
        NDArray y = FusedKernels.groupNorm(x, VaeConfig.GROUPS, w.get(prefix + ".weight"), w.get(prefix + ".bias"),
                VaeConfig.NORM_EPS, silu);
        record(silu ? "groupnorm+silu" : "groupnorm", t, 0);
        return y;
    }

    private static void checkGroups(NDArray x, String prefix) {
        long c = x.getShape().get(1);
        if (c % VaeConfig.GROUPS != 0) {
            throw new VaeFormatException(prefix + " normalises " + c + " channels, not a multiple of "
                    + VaeConfig.GROUPS + " groups");
        }
    }

    /**
     * ComfyUI's ResnetBlock without time embedding: norm1, SiLU, conv1, norm2, SiLU, conv2, plus
     * the input (through the 1x1 {@code nin_shortcut} or 3x3 {@code conv_shortcut} when channels change).
     */
    NDArray resnetBlock(NDArray x, Weights w, String prefix) {
        NDArray h = groupNorm(x, w, prefix + ".norm1", true);
        NDArray h2 = conv(h, w, prefix + ".conv1", 1, 1);
        h.close();
        h = groupNorm(h2, w, prefix + ".norm2", true);
        h2.close();
        NDArray skip = x;
        if (w.has(prefix + ".nin_shortcut.weight")) {
            skip = conv(x, w, prefix + ".nin_shortcut", 1, 0);
        } else if (w.has(prefix + ".conv_shortcut.weight")) {
            skip = conv(x, w, prefix + ".conv_shortcut", 1, 1);
        }
        NDArray out = conv(h, w.get(prefix + ".conv2.weight"), w.get(prefix + ".conv2.bias"), 1, 1, skip);
        h.close();
        if (skip != x) {
            skip.close();
        }
        return out;
    }

    /**
     * ComfyUI's AttnBlock: GroupNorm, 1x1 q/k/v projections, softmax(q·kᵀ/√C)·v over all H·W
     * positions (one head of width C), 1x1 output projection, plus the input. Scores are computed
     * for a block of query rows at a time, so a 64x64 latent (4096 positions) never holds the full
     * 4096² matrix.
     */
    NDArray attention(NDArray x, Weights w, String prefix) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long n = s.get(2) * s.get(3);
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray h = groupNorm(x, w, prefix + ".norm", false);
            long t = profile.start();
            NDArray ht = h.reshape(b, c, n).transpose(0, 2, 1); // [B, N, C]
            NDArray q = JniUtils.linear(pt(ht), pt(w.get(prefix + ".q.weight").reshape(c, c)),
                    pt(w.get(prefix + ".q.bias")));
            NDArray v = JniUtils.linear(pt(ht), pt(w.get(prefix + ".v.weight").reshape(c, c)),
                    pt(w.get(prefix + ".v.bias")));
            NDArray k = JniUtils.matmul(pt(w.get(prefix + ".k.weight").reshape(c, c)), pt(h.reshape(b, c, n)));
            JniUtils.addi(pt(k), pt(w.get(prefix + ".k.bias").reshape(1, c, 1))); // [B, C, N]
            h.close();
            record("attention.qkv", t, 3 * 2.0 * b * n * c * c);
            t = profile.start();
            NDArray scale = x.getManager().create((float) (1.0 / Math.sqrt(c)));
            long chunk = Math.max(1, Math.min(n, ATTENTION_SCORE_FLOATS / Math.max(1, b * n)));
            NDList parts = new NDList();
            for (long i = 0; i < n; i += chunk) {
                long end = Math.min(n, i + chunk);
                try (NDScope inner = new NDScope()) {
                    inner.suppressNotUsedWarning();
                    NDArray scores = JniUtils.matmul(pt(q.get(":, {}:{}, :", i, end)), pt(k)); // [B, rows, N]
                    JniUtils.muli(pt(scores), pt(scale));
                    NDArray probs = JniUtils.softmax(pt(scores), -1, scores.getDataType());
                    scores.close();
                    NDArray part = JniUtils.matmul(pt(probs), pt(v)); // [B, rows, C]
                    NDScope.unregister(part);
                    parts.add(part);
                }
            }
            NDArray attended = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
            record("attention.softmax", t, 2 * 2.0 * b * n * n * c);
            t = profile.start();
            NDArray proj = JniUtils.linear(pt(attended), pt(w.get(prefix + ".proj_out.weight").reshape(c, c)),
                    pt(w.get(prefix + ".proj_out.bias")));
            out = proj.transpose(0, 2, 1).reshape(s);
            JniUtils.addi(pt(out), pt(x));
            record("attention.proj", t, 2.0 * b * n * c * c);
            NDScope.unregister(out);
        }
        return out;
    }

    /**
     * ComfyUI's Downsample with conv: zero-pad one column on the right and one row at the bottom
     * (never left or top), then a 3x3 convolution with stride 2 and no padding.
     */
    NDArray downsample(NDArray x, Weights w, String prefix) {
        long t = profile.start();
        NDArray padded = JniUtils.pad(pt(x), new long[] {0, 1, 0, 1}, 0.0);
        record("pad", t, 0);
        NDArray out = conv(padded, w, prefix, 2, 0);
        padded.close();
        return out;
    }

    /**
     * ComfyUI's Upsample with conv: nearest-neighbour 2x, then a 3x3 convolution (padding 1).
     *
     * <p>Computed without materialising the 2x image: output pixel (2i+a, 2j+b) only ever sees the
     * 2x2 input neighbourhood rows {i-1+a, i+a}, columns {j-1+b, j+b}, with the 3x3 taps that land on
     * the same input pixel summed. So four 2x2 convolutions on the small image (16 instead of 36
     * multiply-adds per output pixel and input channel) followed by an interleave give the same
     * result up to float summation order.
     */
    NDArray upsample(NDArray x, Weights w, String prefix) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long t = profile.start();
            NDArray weight = w.get(prefix + ".weight");
            NDArray bias = w.get(prefix + ".bias");
            NDArray[][] kernels = new NDArray[2][2];
            for (int a = 0; a < 2; a++) {
                NDArray rows = phaseTaps(weight, 2, a);
                for (int bb = 0; bb < 2; bb++) {
                    kernels[a][bb] = phaseTaps(rows, 3, bb);
                }
            }
            record("upsample.kernels", t, 0);
            long h = x.getShape().get(2);
            long wd = x.getShape().get(3);
            long b = x.getShape().get(0);
            long o = weight.getShape().get(0);
            // out[.., 2i+a, 2j+b] = phase(a, b)[.., i, j]: each phase is copied once into its strided
            // view of the [B, O, H, 2, W, 2] result, which is then [B, O, 2H, 2W] without another copy.
            NDArray grid = x.getManager().create(new Shape(b, o, h, 2, wd, 2), x.getDataType());
            for (int a = 0; a < 2; a++) {
                for (int bb = 0; bb < 2; bb++) {
                    // Padding 1 with a 2x2 kernel gives (H+1)x(W+1) outputs; output r covers padded rows
                    // r, r+1 = input rows r-1, r, so phase a keeps outputs a .. a+H-1.
                    NDArray full = conv(x, kernels[a][bb], bias, 1, 1);
                    t = profile.start();
                    grid.set(new NDIndex(":, :, :, {}, :, {}", a, bb),
                            full.get(":, :, {}:{}, {}:{}", a, a + h, bb, bb + wd));
                    full.close();
                    record("upsample.interleave", t, 0);
                }
            }
            out = grid.reshape(b, o, 2 * h, 2 * wd);
            NDScope.unregister(out);
        }
        return out;
    }

    /**
     * Folds a 3-tap axis of a kernel into the 2 taps one upsampling phase sees: phase 0 reads
     * (x[i-1], x[i]) with taps (k0, k1+k2); phase 1 reads (x[i], x[i+1]) with taps (k0+k1, k2).
     */
    private static NDArray phaseTaps(NDArray k, int axis, int phase) {
        NDArray t0 = slice(k, axis, 0);
        NDArray t1 = slice(k, axis, 1);
        NDArray t2 = slice(k, axis, 2);
        NDList taps = phase == 0 ? new NDList(t0, t1.add(t2)) : new NDList(t0.add(t1), t2);
        return NDArrays.concat(taps, axis);
    }

    private static NDArray slice(NDArray k, int axis, int i) {
        return axis == 2 ? k.get(":, :, {}:{}, :", i, i + 1) : k.get(":, :, :, {}:{}", i, i + 1);
    }

    private void record(String op, long start, double flops) {
        profile.stop(op, start, flops);
    }

    static PtNDArray pt(NDArray a) {
        if (a instanceof PtNDArray p) {
            return p;
        }
        throw new IllegalStateException("the VAE runs on DJL's PyTorch engine, but got an array of "
                + a.getClass().getName() + " (load weights and inputs with an NDManager of the PyTorch engine)");
    }
}
