package dev.weft.engine.tensor.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The engine's ATen kernels that DJL does not bind, reached through one {@link TorchScriptModule}
 * compiled once per process from {@code fused_kernels.torchscript} (a resource beside this class),
 * shared by the UNet, ControlNet and VAE: native {@code group_norm} with an optional in-place SiLU,
 * PyTorch's fused CPU flash attention (the score matrix never exists in full, so no query chunking
 * is needed), the GEGLU feed-forward in row blocks, oneDNN-prepacked convolutions, a strip-wise
 * Winograd convolution with a fused GroupNorm, in-place adds and memory-layout changes. The tests compare each against a
 * plain composition of basic ops.
 *
 * <p>Results are new arrays attached to the first input's manager; being created in libtorch's
 * inference mode, they may only be updated in place through this class ({@link #addInPlace}), so
 * arrays leaving the engine go through {@link #release}. Engine thread only.
 */
public final class FusedKernels {
    private static final String RESOURCE = "fused_kernels.torchscript";

    private static TorchScriptModule module;
    /** Stands for an absent optional tensor argument (DJL cannot pass TorchScript's None). */
    private static NDArray none;

    private FusedKernels() {
    }

    /** The compiled module; its native handle lives as long as the process. */
    private static synchronized TorchScriptModule module() {
        if (module == null) {
            try (InputStream in = FusedKernels.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the class path (broken build)");
                }
                String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                NDManager owner = NDManager.newBaseManager();
                module = TorchScriptModule.compile(source, owner);
                none = owner.create(new float[0]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return module;
    }

    /** GroupNorm of [B, C, ...] over {@code groups} groups with affine [C], optionally then SiLU. */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, double eps, boolean silu) {
        return module().call("group_norm", x.getManager(), x, groups, gamma, beta, eps, silu);
    }

    /**
     * {@code softmax(q k^T / sqrt(d)) v} per head.
     *
     * @param q [B, N, h*d] contiguous
     * @param k [B, M, h*d] contiguous
     * @param v [B, M, h*d] contiguous
     * @return [B, N, h*d] contiguous
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, int heads) {
        return module().call("attention", q.getManager(), q, k, v, heads);
    }

    /**
     * GEGLU feed-forward {@code linear2(a * gelu(g))} with {@code [a, g] = linear1(x)}, over
     * {@code rows} tokens at a time so no intermediate exceeds a few tens of MB (glibc serves
     * larger blocks with fresh mmaps, whose page faults cost more than the arithmetic).
     *
     * @param x  [B, N, C]
     * @param w1 [2F, C], {@code b1} [2F]; {@code w2} [C', F], {@code b2} [C']
     * @return [B, N, C']
     */
    public static NDArray feedForward(NDArray x, NDArray w1, NDArray b1, NDArray w2, NDArray b2, long rows) {
        return module().call("feed_forward", x.getManager(), x, w1, b1, w2, b2, rows);
    }

    /**
     * A conv kernel [O, I, kh, kw] reordered once into oneDNN's blocked layout for a convolution
     * with this stride and padding (an opaque MKLDNN tensor; its shape still reads [O, I, kh, kw]).
     */
    public static NDArray packConv(NDArray w, int stride, int padding) {
        return module().call("pack_conv", w.getManager(), w, stride, padding);
    }

    /** Convolution of [B, C, H, W] with a kernel from {@link #packConv}; {@code bias} may be null. */
    public static NDArray convPacked(NDArray x, NDArray w, NDArray bias, int stride, int padding) {
        return bias == null ? module().call("conv_packed_no_bias", x.getManager(), x, w, stride, padding)
                : module().call("conv_packed", x.getManager(), x, w, bias, stride, padding);
    }

    /** A plain row-major copy [O, I, kh, kw] of a kernel from {@link #packConv}. */
    public static NDArray unpackConv(NDArray w) {
        long[] s = w.getShape().getShape();
        return module().call("unpack", w.getManager(), w, s[0], s[1], s[2], s[3]);
    }

    /**
     * {@code target += addend} (broadcasting {@code addend}). Arrays created by this module are
     * inference tensors, which libtorch lets only code in inference mode (such as this module)
     * update in place; DJL's own {@code addi} would be refused.
     */
    public static void addInPlace(NDArray target, NDArray addend) {
        module().call("add_", target.getManager(), target, addend).close();
    }

    /** The same tensor in channels-last memory order (a no-op when it already is). */
    public static NDArray channelsLast(NDArray x) {
        return module().call("channels_last", x.getManager(), x);
    }

    /**
     * An ordinary (non-inference) row-major copy of {@code x}, which DJL may then update in place;
     * {@code x} is closed. For arrays handed out of the engine.
     */
    public static NDArray release(NDArray x) {
        NDArray rowMajor = contiguous(x);
        NDArray copy = rowMajor.duplicate();
        rowMajor.close();
        x.close();
        return copy;
    }

    /** The same tensor in row-major memory order (a no-op when it already is). */
    public static NDArray contiguous(NDArray x) {
        return module().call("contiguous", x.getManager(), x);
    }

    /** [B, C, H, W] as tokens [B, H*W, C]; free for a channels-last input. */
    public static NDArray toTokens(NDArray x) {
        return module().call("to_tokens", x.getManager(), x);
    }

    /** Tokens [B, H*W, C] as [B, C, H, W] in channels-last order, without a copy. */
    public static NDArray fromTokens(NDArray tokens, long height, long width) {
        return module().call("from_tokens", tokens.getManager(), tokens, height, width);
    }

    /** {@code x * sigmoid(x)}. */
    public static NDArray silu(NDArray x) {
        return module().call("silu", x.getManager(), x);
    }

    /**
     * A 3x3 kernel transformed for {@link #winogradConv3x3}: [O, C, 3, 3] to [36, O, C].
     * A new array on {@code w}'s manager.
     */
    public static NDArray winogradKernel(NDArray w) {
        return module().call("winograd_kernel", w.getManager(), w);
    }

    /**
     * The kernel of a nearest-2x upsampling followed by the 3x3 convolution {@code w} [O, C, 3, 3],
     * transformed for {@link #winogradConv3x3} with {@code upsample} set: [36, 4*O, C].
     */
    public static NDArray winogradUpsampleKernel(NDArray w) {
        return module().call("winograd_upsample_kernel", w.getManager(), w);
    }

    /**
     * GroupNorm over {@code groups} groups of {@code x} [1, C, ...] with affine {@code gamma},
     * {@code beta} [C], folded into per-channel {@code [2, C]}: scale and shift such that the norm
     * is {@code x * scale + shift}. For {@link #winogradConv3x3}'s {@code norm}.
     */
    public static NDArray groupNormAffine(NDArray x, int groups, NDArray gamma, NDArray beta, double eps) {
        return module().call("group_norm_affine", x.getManager(), x, groups, gamma, beta, eps);
    }

    /**
     * A 3x3, stride-1, padding-1 convolution of {@code x} [1, C, H, W] (row-major) by Winograd's
     * F(4x4, 3x3) algorithm, computed in strips of {@code tileRows} rows of 4x4 output tiles so
     * every temporary is strip-sized: a quarter of the direct method's multiplications, at a
     * relative error around 1e-5 (the direct method's is around 1e-6).
     *
     * @param u        a kernel from {@link #winogradKernel} ([36, O, C]) or, with {@code upsample},
     *                 from {@link #winogradUpsampleKernel} ([36, 4*O, C])
     * @param bias     [O]
     * @param norm     null, or [2, C] from {@link #groupNormAffine}: x is normalised (then passed
     *                 through SiLU if {@code silu}) strip by strip, so the normalised tensor never
     *                 exists in full
     * @param residual null, or a row-major [1, O, H', W'] array created by this class's kernels,
     *                 into which the result is added in place (and which is then returned)
     * @param upsample whether the result is nearest-2x upsampling followed by the convolution
     * @return [1, O, H', W'] with H' = H, W' = W, or twice that when upsampling
     */
    public static NDArray winogradConv3x3(NDArray x, NDArray u, NDArray bias, NDArray norm, boolean silu,
                                          NDArray residual, boolean upsample, int tileRows) {
        TorchScriptModule k = module();
        return k.call("winograd_conv3x3", x.getManager(), x, u, bias, norm == null ? none : norm, silu,
                residual == null ? none : residual, upsample, tileRows);
    }
}
