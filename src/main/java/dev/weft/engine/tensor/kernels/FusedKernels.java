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
 * is needed), the GEGLU feed-forward in row blocks, oneDNN-prepacked convolutions, NNPACK's
 * Winograd convolution, in-place adds and memory-layout changes. The tests compare each against a
 * plain composition of basic ops.
 *
 * <p>Results are new arrays attached to the first input's manager; being created in libtorch's
 * inference mode, they may only be updated in place through this class ({@link #addInPlace}), so
 * arrays leaving the engine go through {@link #release}. Engine thread only.
 */
public final class FusedKernels {
    private static final String RESOURCE = "fused_kernels.torchscript";

    private static TorchScriptModule module;
    private static Boolean nnpack;

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
                module = TorchScriptModule.compile(source, NDManager.newBaseManager());
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

    /** Whether this libtorch has NNPACK (its x86-64 and ARM Linux builds do). */
    public static synchronized boolean hasWinograd() {
        if (nnpack == null) {
            // The query also initialises NNPACK, which its convolution entry point assumes.
            nnpack = module().callBoolean("nnpack_available");
        }
        return nnpack;
    }

    /**
     * A 3x3, stride-1, padding-1 convolution by NNPACK's Winograd F(6x6, 3x3) transform: about a
     * fifth of the multiplications of the direct method, at a relative error around 1e-5.
     *
     * @param x        [1, C, H, W] row-major
     * @param residual added to the result when not null (inside the call, so the result need not
     *                 be updated in place afterwards)
     * @throws IllegalStateException when {@link #hasWinograd()} is false
     */
    public static NDArray winogradConv3x3(NDArray x, NDArray weight, NDArray bias, NDArray residual) {
        if (!hasWinograd()) {
            throw new IllegalStateException("this libtorch has no NNPACK; check hasWinograd() first");
        }
        return residual == null ? module().call("winograd_conv3x3", x.getManager(), x, weight, bias)
                : module().call("winograd_conv3x3_add", x.getManager(), x, weight, bias, residual);
    }
}
