package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * ATen kernels DJL does not bind, reached through one {@link TorchScriptModule} compiled once per
 * process: {@code group_norm} (one pass for statistics and affine, optionally with an in-place
 * SiLU), {@code scaled_dot_product_attention} (PyTorch's fused CPU flash attention: tiles of
 * queries and keys with an online softmax, so the score matrix never exists in full and no query
 * chunking is needed), GEGLU with an in-place product. Each has a DJL-composed reference in
 * {@link Ops} that the tests compare against. Results are new arrays attached to the first
 * input's manager. Engine thread only.
 */
final class FusedKernels {
    private static final String SOURCE = String.join("\n",
            "  def group_norm(self: __torch__.Kernels, x: Tensor, groups: int, w: Tensor, b: Tensor, eps: float,"
                    + " silu: bool) -> Tensor:",
            "    y = torch.group_norm(x, groups, w, b, eps)",
            "    if silu:",
            "      y = torch.silu_(y)",
            "    return y",
            "  def attention(self: __torch__.Kernels, q: Tensor, k: Tensor, v: Tensor, heads: int) -> Tensor:",
            "    b = q.size(0)",
            "    n = q.size(1)",
            "    c = q.size(2)",
            "    m = k.size(1)",
            "    d = c // heads",
            "    qh = q.view([b, n, heads, d]).transpose(1, 2)",
            "    kh = k.view([b, m, heads, d]).transpose(1, 2)",
            "    vh = v.view([b, m, heads, d]).transpose(1, 2)",
            "    o = torch.scaled_dot_product_attention(qh, kh, vh)",
            "    return o.transpose(1, 2).reshape([b, n, c])",
            "  def silu(self: __torch__.Kernels, x: Tensor) -> Tensor:",
            "    return torch.silu(x)",
            "  def feed_forward(self: __torch__.Kernels, x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor,"
                    + " rows: int) -> Tensor:",
            "    c = x.size(-1)",
            "    flat = x.reshape([-1, c])",
            "    n = flat.size(0)",
            "    out = torch.empty([n, w2.size(0)], dtype=x.dtype)",
            "    i = 0",
            "    while i < n:",
            "      e = min(i + rows, n)",
            "      parts = torch.chunk(torch.linear(flat[i:e], w1, b1), 2, -1)",
            "      out[i:e] = torch.linear(torch.gelu(parts[1]).mul_(parts[0]), w2, b2)",
            "      i = e",
            "    return out.view([x.size(0), x.size(1), w2.size(0)])",
            "  def pack_conv(self: __torch__.Kernels, w: Tensor, stride: int, padding: int) -> Tensor:",
            "    return ops.mkldnn._reorder_convolution_weight(w, [padding, padding], [stride, stride], [1, 1], 1)",
            "  def conv_packed(self: __torch__.Kernels, x: Tensor, w: Tensor, b: Tensor, stride: int,"
                    + " padding: int) -> Tensor:",
            "    return ops.mkldnn._convolution_pointwise(x, w, b, [padding, padding], [stride, stride], [1, 1], 1,"
                    + " \"none\", annotate(List[Optional[number]], []), None)",
            "  def conv_packed_no_bias(self: __torch__.Kernels, x: Tensor, w: Tensor, stride: int, padding: int)"
                    + " -> Tensor:",
            "    return ops.mkldnn._convolution_pointwise(x, w, None, [padding, padding], [stride, stride], [1, 1],"
                    + " 1, \"none\", annotate(List[Optional[number]], []), None)",
            "  def unpack(self: __torch__.Kernels, w: Tensor, o: int, i: int, kh: int, kw: int) -> Tensor:",
            "    return w.to_dense().reshape([o, i, kh, kw]).contiguous()",
            "  def add_(self: __torch__.Kernels, x: Tensor, y: Tensor) -> Tensor:",
            "    return x.add_(y)",
            "  def channels_last(self: __torch__.Kernels, x: Tensor) -> Tensor:",
            // Serialized TorchScript names memory formats by their c10 number: 2 is ChannelsLast.
            "    return x.contiguous(memory_format=2)",
            "  def contiguous(self: __torch__.Kernels, x: Tensor) -> Tensor:",
            "    return x.contiguous()",
            "  def to_tokens(self: __torch__.Kernels, x: Tensor) -> Tensor:",
            "    return x.flatten(2).transpose(1, 2).contiguous()",
            "  def from_tokens(self: __torch__.Kernels, t: Tensor, h: int, w: int) -> Tensor:",
            "    return t.transpose(1, 2).reshape([t.size(0), t.size(2), h, w])",
            "");

    private static TorchScriptModule module;

    private FusedKernels() {
    }

    /** The compiled module; its native handle lives as long as the process. */
    private static synchronized TorchScriptModule module() {
        if (module == null) {
            module = TorchScriptModule.compile(SOURCE, NDManager.newBaseManager());
        }
        return module;
    }

    /** GroupNorm of [B, C, ...] over {@code groups} groups with affine [C], optionally then SiLU. */
    static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps, boolean silu) {
        return module().call("group_norm", x.getManager(), x, groups, gamma, beta, (double) eps, silu);
    }

    /**
     * {@code softmax(q k^T / sqrt(d)) v} per head.
     *
     * @param q [B, N, h*d] contiguous
     * @param k [B, M, h*d] contiguous
     * @param v [B, M, h*d] contiguous
     * @return [B, N, h*d] contiguous
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, int heads) {
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
    static NDArray feedForward(NDArray x, NDArray w1, NDArray b1, NDArray w2, NDArray b2, long rows) {
        return module().call("feed_forward", x.getManager(), x, w1, b1, w2, b2, rows);
    }

    /**
     * A conv kernel [O, I, kh, kw] reordered once into oneDNN's blocked layout for a convolution
     * with this stride and padding (an opaque MKLDNN tensor; its shape still reads [O, I, kh, kw]).
     */
    static NDArray packConv(NDArray w, int stride, int padding) {
        return module().call("pack_conv", w.getManager(), w, stride, padding);
    }

    /** Convolution of [B, C, H, W] with a kernel from {@link #packConv}; {@code bias} may be null. */
    static NDArray convPacked(NDArray x, NDArray w, NDArray bias, int stride, int padding) {
        return bias == null ? module().call("conv_packed_no_bias", x.getManager(), x, w, stride, padding)
                : module().call("conv_packed", x.getManager(), x, w, bias, stride, padding);
    }

    /** A plain row-major copy [O, I, kh, kw] of a kernel from {@link #packConv}. */
    static NDArray unpackConv(NDArray w) {
        long[] s = w.getShape().getShape();
        return module().call("unpack", w.getManager(), w, s[0], s[1], s[2], s[3]);
    }

    /**
     * {@code target += addend} (broadcasting {@code addend}). Arrays created by this module are
     * inference tensors, which libtorch lets only code in inference mode (such as this module)
     * update in place; DJL's own {@code addi} would be refused.
     */
    static void addInPlace(NDArray target, NDArray addend) {
        module().call("add_", target.getManager(), target, addend).close();
    }

    /** The same tensor in channels-last memory order (a no-op when it already is). */
    static NDArray channelsLast(NDArray x) {
        return module().call("channels_last", x.getManager(), x);
    }

    /**
     * An ordinary (non-inference) row-major copy of {@code x}, which DJL may then update in place;
     * {@code x} is closed. For arrays handed out of the engine.
     */
    static NDArray release(NDArray x) {
        NDArray rowMajor = contiguous(x);
        NDArray copy = rowMajor.duplicate();
        rowMajor.close();
        x.close();
        return copy;
    }

    /** The same tensor in row-major memory order (a no-op when it already is). */
    static NDArray contiguous(NDArray x) {
        return module().call("contiguous", x.getManager(), x);
    }

    /** [B, C, H, W] as tokens [B, H*W, C]; free for a channels-last input. */
    static NDArray toTokens(NDArray x) {
        return module().call("to_tokens", x.getManager(), x);
    }

    /** Tokens [B, H*W, C] as [B, C, H, W] in channels-last order, without a copy. */
    static NDArray fromTokens(NDArray tokens, long height, long width) {
        return module().call("from_tokens", tokens.getManager(), tokens, height, width);
    }

    /** {@code x * sigmoid(x)}. */
    static NDArray silu(NDArray x) {
        return module().call("silu", x.getManager(), x);
    }
}
