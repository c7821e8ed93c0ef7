package dev.weft.engine.tensor.kernels;

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
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module compiled by libtorch from source held in Weft, giving access to ATen
 * operators DJL does not bind (fused group norm, flash attention, in-place activations).
 *
 * <p>DJL loads TorchScript archives; this class writes one in memory: a ZIP whose
 * {@code code/__torch__.py} holds the class source, {@code data.pkl} the pickled module object
 * (class {@code __torch__.Kernels}, attribute {@code training=False}), an empty
 * {@code constants.pkl} and a {@code version} record — the layout {@code torch.jit.save} writes.
 * Methods are called by name with tensor and scalar arguments. The module has no parameters.
 * Engine thread only. (The writer is Weft's own: DJL can load such an archive but not build one.)
 */
final class TorchScriptModule {
    private static final String CLASS = "Kernels";

    private final PtSymbolBlock block;

    private TorchScriptModule(PtSymbolBlock block) {
        this.block = block;
    }

    /**
     * Compiles {@code methods} (TorchScript method definitions indented by two spaces, each taking
     * {@code self: __torch__.Kernels} first) into a module owned by {@code manager}.
     *
     * @throws IllegalStateException with libtorch's compiler message when the source is invalid
     */
    static TorchScriptModule compile(String methods, NDManager manager) {
        String source = "class " + CLASS + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__." + CLASS + ", x: Tensor) -> Tensor:\n"
                + "    return x\n"
                + methods;
        try {
            byte[] archive = archive(source);
            return new TorchScriptModule(JniUtils.loadModule((PtNDManager) manager,
                    new ByteArrayInputStream(archive), false, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("libtorch could not compile Weft's TorchScript kernels: " + e.getMessage(), e);
        }
    }

    /**
     * Calls {@code method} with {@code args} (NDArray, Long, Double or Boolean) and returns its
     * tensor result, attached to {@code owner}.
     */
    NDArray call(String method, NDManager owner, Object... args) {
        return run(method, args, out -> out.toTensor((PtNDManager) owner));
    }

    /** Calls {@code method}, which returns a {@code bool}, with {@code args} as for {@link #call}. */
    boolean callBoolean(String method, Object... args) {
        return run(method, args, IValue::toBoolean);
    }

    private <T> T run(String method, Object[] args, java.util.function.Function<IValue, T> result) {
        IValue[] in = new IValue[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                in[i] = toIValue(args[i]);
            }
            try (IValue out = IValueUtils.runMethod(block, method, in)) {
                return result.apply(out);
            }
        } finally {
            for (IValue v : in) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    private static IValue toIValue(Object a) {
        if (a instanceof NDArray n) {
            return IValue.from((PtNDArray) n);
        }
        if (a instanceof Long l) {
            return IValue.from(l);
        }
        if (a instanceof Integer i) {
            return IValue.from((long) i);
        }
        if (a instanceof Double d) {
            return IValue.from(d);
        }
        if (a instanceof Float f) {
            return IValue.from((double) f);
        }
        if (a instanceof Boolean b) {
            return IValue.from(b);
        }
        throw new IllegalArgumentException("unsupported TorchScript argument " + a);
    }

    /** The archive bytes: stored (uncompressed) entries under one top-level folder. */
    private static byte[] archive(String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "archive/data.pkl", moduleObjectPickle());
            put(zip, "archive/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            put(zip, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            put(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /**
     * Pickle (protocol 2) of a {@code __torch__.Kernels} object whose state is
     * {@code {"training": False}}: GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, MARK, BINUNICODE key,
     * NEWFALSE, SETITEMS, BUILD, STOP.
     */
    private static byte[] moduleObjectPickle() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80);
        b.write(2);
        b.writeBytes(("c__torch__\n" + CLASS + "\n").getBytes(StandardCharsets.US_ASCII));
        b.write(')');
        b.write(0x81);
        b.write('}');
        b.write('(');
        byte[] key = "training".getBytes(StandardCharsets.UTF_8);
        b.write('X');
        b.write(key.length);
        b.write(0);
        b.write(0);
        b.write(0);
        b.writeBytes(key);
        b.write(0x89);
        b.write('u');
        b.write('b');
        b.write('.');
        return b.toByteArray();
    }
}
