package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.tensor.kernels.FusedKernels;

/**
 * The building blocks of ComfyUI's {@code comfy/ldm/modules/diffusionmodules/model.py} Encoder and
 * Decoder on DJL's PyTorch engine, fp32: convolution, GroupNorm(32, eps 1e-6) with SiLU, resnet
 * block, single-head spatial self-attention, strided downsampling with ComfyUI's asymmetric
 * padding, and nearest-2x upsampling followed by a 3x3 convolution.
 *
 * <p>Two ways to compute. The direct way is ComfyUI's: each GroupNorm writes a normalised tensor,
 * each 3x3 convolution is oneDNN's direct convolution, upsampling materialises the 2x image. The
 * fast way, taken for single images of at least {@link #FAST_MIN_POSITIONS} positions, computes
 * every GroupNorm+SiLU+3x3 convolution as one strip-wise Winograd pass
 * ({@link FusedKernels#winogradConv3x3}): the norm's statistics are gathered first, the
 * normalised tensor then only ever exists one strip at a time, residuals are added in place, and
 * upsampling never builds the 2x image. That halves the decoder's largest live set and does a
 * quarter of the multiplications, at a relative difference around 1e-5 (the golden cases are
 * small enough to take the direct way).
 *
 * <p>Every method takes NCHW activations and a {@link Weights} view positioned so that
 * {@code prefix + ".weight"} names the parameter; parameters are looked up on every call. Results
 * belong to the manager of the input activation. Methods documented as consuming their input
 * close it (the result may reuse its memory); the others leave their inputs alone. Engine thread
 * only.
 */
final class VaeOps {
    /** Query rows per attention chunk are chosen so one score block stays near this many floats. */
    private static final long ATTENTION_SCORE_FLOATS = 8L << 20;

    /**
     * From this many positions on, 3x3 convolutions take the fast way (measured: at 64x64 with 512
     * channels Winograd needs 31 ms where oneDNN's direct convolution needs 57 ms).
     */
    static final long FAST_MIN_POSITIONS = 64 * 64;

    /** Winograd strips aim at this many tiles, enough columns for the batched product to run at full speed. */
    private static final long STRIP_TILES = 384;
    /** ... unless a strip's transformed tiles would take more than this many bytes. */
    private static final long STRIP_BYTES = 32L << 20;

    /** DJL's code for torch's "nearest" interpolation. */
    private static final int NEAREST = 0;

    private final OpProfile profile;
    private final boolean fastAllowed;

    /**
     * @param profile     where to record per-op time ({@link OpProfile#OFF} for none)
     * @param fastAllowed whether large activations may take the fast way (tests compare both)
     */
    VaeOps(OpProfile profile, boolean fastAllowed) {
        this.profile = profile;
        this.fastAllowed = fastAllowed;
    }

    /** Whether {@code x} [B, C, H, W] takes the fast way. */
    private boolean fast(NDArray x) {
        Shape s = x.getShape();
        return fastAllowed && s.get(0) == 1 && s.get(2) * s.get(3) >= FAST_MIN_POSITIONS;
    }

    /** A direct 2-D convolution with square stride and symmetric zero padding, bias included. */
    NDArray conv(NDArray x, Weights w, String prefix, int stride, int pad) {
        return conv(x, w.get(prefix + ".weight"), w.get(prefix + ".bias"), stride, pad);
    }

    /** A direct 2-D convolution with explicit parameter arrays (which stay the caller's). */
    NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int pad) {
        Shape ks = weight.getShape();
        if (ks.get(2) == 1 && ks.get(3) == 1 && stride == 1 && pad == 0) {
            return pointwise(x, weight, bias);
        }
        long t = profile.start();
        NDArray y = JniUtils.convolution(pt(x), pt(weight), pt(bias), new Shape(stride, stride), new Shape(pad, pad),
                new Shape(1, 1), 1);
        Shape ys = y.getShape();
        profile.stop("conv" + ks.get(2) + "x" + ks.get(3), t,
                2.0 * ys.get(0) * ys.get(2) * ys.get(3) * ks.get(0) * ks.get(1) * ks.get(2) * ks.get(3));
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
        profile.stop("conv1x1", t, 2.0 * s.get(0) * s.get(2) * s.get(3) * o * s.get(1));
        return y;
    }

    /**
     * GroupNorm with {@link VaeConfig#GROUPS} groups and the affine parameters under {@code prefix},
     * followed by SiLU when {@code silu} is set, as a new array.
     */
    NDArray groupNorm(NDArray x, Weights w, String prefix, boolean silu) {
        checkGroups(x, prefix);
        long t = profile.start();
        NDArray y = FusedKernels.groupNorm(x, VaeConfig.GROUPS, w.get(prefix + ".weight"), w.get(prefix + ".bias"),
                VaeConfig.NORM_EPS, silu);
        profile.stop(silu ? "groupnorm+silu" : "groupnorm", t, 0);
        return y;
    }

    /**
     * {@code conv(silu(groupNorm(x)))} with the norm under {@code norm} and the 3x3, padding-1
     * convolution under {@code conv}, plus {@code residual} when it is not null. {@code x} is left
     * alone; {@code residual} is consumed.
     */
    NDArray normSiluConv(NDArray x, Weights w, String norm, String conv, NDArray residual) {
        checkGroups(x, norm);
        NDArray weight = w.get(conv + ".weight");
        NDArray bias = w.get(conv + ".bias");
        if (!fast(x)) {
            NDArray h = groupNorm(x, w, norm, true);
            NDArray y = conv(h, weight, bias, 1, 1);
            h.close();
            if (residual != null) {
                long t = profile.start();
                JniUtils.addi(pt(y), pt(residual));
                residual.close();
                profile.stop("residual", t, 0);
            }
            return y;
        }
        long t = profile.start();
        NDArray affine = FusedKernels.groupNormAffine(x, VaeConfig.GROUPS, w.get(norm + ".weight"),
                w.get(norm + ".bias"), VaeConfig.NORM_EPS);
        profile.stop("groupnorm.stats", t, 0);
        NDArray y = winograd(x, weight, bias, affine, residual, false);
        affine.close();
        return y;
    }

    /**
     * A 3x3 convolution by {@link FusedKernels#winogradConv3x3}; {@code residual} (may be null) is
     * consumed: the result is its memory with the convolution added.
     */
    private NDArray winograd(NDArray x, NDArray weight, NDArray bias, NDArray affine, NDArray residual,
                             boolean upsample) {
        long t = profile.start();
        NDArray u = upsample ? FusedKernels.winogradUpsampleKernel(weight) : FusedKernels.winogradKernel(weight);
        profile.stop(upsample ? "upsample.kernel" : "conv3x3.kernel", t, 0);
        t = profile.start();
        Shape s = x.getShape();
        long c = s.get(1);
        long tilesPerRow = (s.get(3) + 3) / 4;
        long widest = Math.max(c, u.getShape().get(1));
        long tiles = Math.max(1, Math.min(STRIP_TILES, STRIP_BYTES / (36L * Float.BYTES * widest)));
        int rows = (int) Math.max(1, tiles / tilesPerRow);
        NDArray y = FusedKernels.winogradConv3x3(x, u, bias, affine, affine != null, residual, upsample, rows);
        u.close();
        if (residual != null) {
            residual.close(); // y is a second handle on the same memory
        }
        int f = upsample ? 2 : 1;
        profile.stop((upsample ? "upsample.winograd " : "conv3x3.winograd ") + s.get(2) + "x" + s.get(3), t,
                2.0 * weight.getShape().get(0) * c * 9 * s.get(2) * f * s.get(3) * f);
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
     * the input (through the 1x1 {@code nin_shortcut} or 3x3 {@code conv_shortcut} when channels
     * change). Consumes {@code x}. The order keeps the live set small: at most the input, the
     * shortcut and one half-way activation exist at once.
     */
    NDArray resnetBlock(NDArray x, Weights w, String prefix) {
        NDArray h = normSiluConv(x, w, prefix + ".norm1", prefix + ".conv1", null);
        NDArray skip = x;
        if (w.has(prefix + ".nin_shortcut.weight")) {
            skip = conv(x, w, prefix + ".nin_shortcut", 1, 0);
        } else if (w.has(prefix + ".conv_shortcut.weight")) {
            skip = conv(x, w, prefix + ".conv_shortcut", 1, 1);
        }
        if (skip != x) {
            x.close();
        }
        NDArray out = normSiluConv(h, w, prefix + ".norm2", prefix + ".conv2", skip);
        h.close();
        return out;
    }

    /**
     * ComfyUI's AttnBlock: GroupNorm, 1x1 q/k/v projections, softmax(q·kᵀ/√C)·v over all H·W
     * positions (one head of width C), 1x1 output projection, plus the input. Scores are computed
     * for a block of query rows at a time, so a 64x64 latent (4096 positions) never holds the full
     * 4096² matrix. Consumes {@code x}.
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
            profile.stop("attention.qkv", t, 3 * 2.0 * b * n * c * c);
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
            profile.stop("attention.softmax", t, 2 * 2.0 * b * n * n * c);
            t = profile.start();
            NDArray proj = JniUtils.linear(pt(attended), pt(w.get(prefix + ".proj_out.weight").reshape(c, c)),
                    pt(w.get(prefix + ".proj_out.bias")));
            out = proj.transpose(0, 2, 1).reshape(s);
            JniUtils.addi(pt(out), pt(x));
            profile.stop("attention.proj", t, 2.0 * b * n * c * c);
            NDScope.unregister(out);
        }
        x.close();
        return out;
    }

    /**
     * ComfyUI's Downsample with conv: zero-pad one column on the right and one row at the bottom
     * (never left or top), then a 3x3 convolution with stride 2 and no padding. Consumes {@code x}.
     */
    NDArray downsample(NDArray x, Weights w, String prefix) {
        long t = profile.start();
        NDArray padded = JniUtils.pad(pt(x), new long[] {0, 1, 0, 1}, 0.0);
        x.close();
        profile.stop("pad", t, 0);
        NDArray out = conv(padded, w, prefix, 2, 0);
        padded.close();
        return out;
    }

    /**
     * ComfyUI's Upsample with conv: nearest-neighbour 2x, then a 3x3 convolution (padding 1).
     * Consumes {@code x}. The fast way never builds the 2x image: output pixel (2i+a, 2j+b) only
     * sees input rows {i-1+a, i+a} and columns {j-1+b, j+b}, with the 3x3 taps that land on the
     * same input pixel summed, so the four output phases are 2x2 convolutions of the small image,
     * computed together by one Winograd pass and written interleaved.
     */
    NDArray upsample(NDArray x, Weights w, String prefix) {
        NDArray weight = w.get(prefix + ".weight");
        NDArray bias = w.get(prefix + ".bias");
        NDArray out;
        if (fast(x)) {
            out = winograd(x, weight, bias, null, null, true);
        } else {
            long t = profile.start();
            Shape s = x.getShape();
            NDArray big = JniUtils.interpolate(pt(x), new long[] {2 * s.get(2), 2 * s.get(3)}, NEAREST, false);
            profile.stop("upsample.nearest", t, 0);
            out = conv(big, weight, bias, 1, 1);
            big.close();
        }
        x.close();
        return out;
    }

    static PtNDArray pt(NDArray a) {
        if (a instanceof PtNDArray p) {
            return p;
        }
        throw new IllegalStateException("the VAE runs on DJL's PyTorch engine, but got an array of "
                + a.getClass().getName() + " (load weights and inputs with an NDManager of the PyTorch engine)");
    }
}
