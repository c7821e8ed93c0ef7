package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Native PyTorch ops that DJL's API does not expose, reached through a tiny TorchScript module
 * that Weft writes itself (source text below) and loads with DJL: GroupNorm with its affine
 * parameters in one pass, optionally followed by an in-place SiLU, and NNPACK's Winograd 3x3
 * convolution. Composing the GroupNorm from DJL's
 * ops takes a batch-norm, two in-place affine passes, a sigmoid into a fresh tensor and a multiply,
 * which at 512x512x128 costs about three times as much (mostly memory traffic and page faults of
 * the extra full-size allocation).
 *
 * <p>Results are PyTorch "inference tensors" (DJL runs module methods in inference mode): they can
 * be read, viewed and passed to other ops, but not modified in place, which is why in-place
 * follow-ups (the residual add) happen inside the kernels.
 *
 * <p>The module is a TorchScript archive: {@code data.pkl} (a pickled module object with no
 * parameters), {@code code/__torch__.py} (the methods' source), {@code constants.pkl} and
 * {@code version}. It is loaded once per process and kept. Engine thread only.
 */
final class FusedKernels {
    private static final String CLASS_NAME = "WeftVaeKernels";
    private static final String SOURCE = String.join("\n",
            "class " + CLASS_NAME + "(Module):",
            "  __parameters__ = []",
            "  __buffers__ = []",
            "  training : bool",
            "  def forward(self: __torch__." + CLASS_NAME + ", x: Tensor) -> Tensor:",
            "    return x",
            "  def group_norm(self: __torch__." + CLASS_NAME + ", x: Tensor, weight: Tensor, bias: Tensor,",
            "      groups: int, eps: float, silu: bool) -> Tensor:",
            "    y = torch.group_norm(x, groups, weight, bias, eps, False)",
            "    if silu:",
            "      y = torch.silu_(y)",
            "    return y",
            "  def nnpack_available(self: __torch__." + CLASS_NAME + ") -> bool:",
            "    return torch._nnpack_available()",
            "  def winograd_conv3x3(self: __torch__." + CLASS_NAME + ", x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:",
            "    return torch._nnpack_spatial_convolution(x, weight, bias, [1, 1], [1, 1])",
            "  def winograd_conv3x3_add(self: __torch__." + CLASS_NAME + ", x: Tensor, weight: Tensor, bias: Tensor,",
            "      residual: Tensor) -> Tensor:",
            "    y = torch._nnpack_spatial_convolution(x, weight, bias, [1, 1], [1, 1])",
            "    return torch.add_(y, residual)",
            "");

    private static FusedKernels instance;

    /** Owns the module's native handle for the life of the process. */
    private final NDManager manager;
    private final PtSymbolBlock module;
    private final boolean nnpack;

    private FusedKernels(NDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
        // Also initialises NNPACK, which its convolution entry point assumes has happened.
        try (IValue available = IValueUtils.runMethod(module, "nnpack_available")) {
            this.nnpack = available.toBoolean();
        }
    }

    /** The process-wide kernels, loaded on first use. */
    static synchronized FusedKernels get() {
        if (instance == null) {
            NDManager m = NDManager.newBaseManager();
            try {
                PtSymbolBlock block = JniUtils.loadModule((PtNDManager) m,
                        new ByteArrayInputStream(archive(CLASS_NAME, SOURCE)), false, false);
                instance = new FusedKernels(m, block);
            } catch (IOException | RuntimeException e) {
                m.close();
                throw new IllegalStateException("cannot load Weft's TorchScript kernels into this libtorch ("
                        + e.getMessage() + "); the VAE needs them", e);
            }
        }
        return instance;
    }

    /**
     * {@code group_norm(x, groups, weight, bias, eps)}, then SiLU in place when {@code silu}.
     *
     * @param x [B, C, ...]; the result is a new array on {@code x}'s manager
     */
    NDArray groupNorm(NDArray x, NDArray weight, NDArray bias, int groups, double eps, boolean silu) {
        IValue[] args = {IValue.from(pt(x)), IValue.from(pt(weight)), IValue.from(pt(bias)), IValue.from((long) groups),
                IValue.from(eps), IValue.from(silu)};
        try {
            try (IValue out = IValueUtils.runMethod(module, "group_norm", args)) {
                return out.toTensor((PtNDManager) x.getManager());
            }
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    /** Whether this libtorch has NNPACK (x86-64 and ARM Linux builds do). */
    boolean hasWinograd() {
        return nnpack;
    }

    /**
     * A 3x3, stride-1, padding-1 convolution by NNPACK's Winograd F(6x6, 3x3) transform: about a
     * fifth of the multiplications of the direct method, at a relative error around 1e-5.
     * Only valid when {@link #hasWinograd()}.
     *
     * @param x        [1, C, H, W]; the result is a new array on {@code x}'s manager
     * @param residual added to the result when not null (the result cannot be modified in place
     *                 afterwards, see the class comment)
     */
    NDArray winogradConv3x3(NDArray x, NDArray weight, NDArray bias, NDArray residual) {
        IValue[] args = residual == null
                ? new IValue[] {IValue.from(pt(x)), IValue.from(pt(weight)), IValue.from(pt(bias))}
                : new IValue[] {IValue.from(pt(x)), IValue.from(pt(weight)), IValue.from(pt(bias)), IValue.from(pt(residual))};
        try {
            try (IValue out = IValueUtils.runMethod(module, residual == null ? "winograd_conv3x3" : "winograd_conv3x3_add",
                    args)) {
                return out.toTensor((PtNDManager) x.getManager());
            }
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    private static PtNDArray pt(NDArray a) {
        return VaeOps.pt(a);
    }

    /** A TorchScript archive holding one parameterless module class with the given source. */
    static byte[] archive(String className, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "archive/data.pkl", moduleObjectPickle(className));
            put(zip, "archive/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            // An empty tuple: PROTO 2, EMPTY_TUPLE, STOP.
            put(zip, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            put(zip, "archive/version", "3".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    /**
     * Pickle (protocol 2) of an instance of {@code __torch__.<className>} whose state is
     * {@code {"training": False}}: GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, the key, NEWFALSE,
     * SETITEM, BUILD, STOP.
     */
    private static byte[] moduleObjectPickle(String className) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80);
        b.write(2);
        b.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        b.write(')');
        b.write(0x81);
        b.write('}');
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        b.write('X');
        b.write(key.length);
        b.write(0);
        b.write(0);
        b.write(0);
        b.writeBytes(key);
        b.write(0x89);
        b.write('s');
        b.write('b');
        b.write('.');
        return b.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) {
        try {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(data);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
