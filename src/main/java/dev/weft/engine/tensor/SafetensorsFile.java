package dev.weft.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A memory-mapped reader of a {@code .safetensors} file of any size.
 *
 * <p>Opening reads and checks only the header: names, dtypes, shapes and offsets are available
 * without touching tensor data. Data is mapped on demand, one tensor at a time, in windows of at
 * most {@code maxMapBytes} (so tensors over 2 GiB work), and materialised as an fp32 NDArray for
 * every float dtype (F16, BF16 and F8 are widened in Java). The file stays open until
 * {@link #close()}.
 *
 * <p>Thread-safety: the header is immutable; {@link #load} must be called on the thread that owns
 * the given NDManager (the engine thread).
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Largest header Weft accepts (the format allows 100 MB). */
    static final long MAX_HEADER = 100L * 1024 * 1024;
    static final long DEFAULT_MAX_MAP = 1L << 30;

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final long maxMapBytes;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, long maxMapBytes,
                            Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.maxMapBytes = maxMapBytes;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates {@code path}; see {@link #open(Path, long)}. */
    public static SafetensorsFile open(Path path) throws IOException {
        return open(path, DEFAULT_MAX_MAP);
    }

    /**
     * Opens {@code path}, reading and validating its header.
     *
     * @param maxMapBytes largest single memory mapping to create; smaller values exercise the
     *                    multi-window path in tests
     * @throws SafetensorsException if the file is missing, truncated, not safetensors, declares an
     *                              unknown dtype, or its offsets do not match its shapes
     */
    public static SafetensorsFile open(Path path, long maxMapBytes) throws IOException {
        if (maxMapBytes < 8) {
            throw new IllegalArgumentException("maxMapBytes must be at least 8");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SafetensorsException(path, "file not found (" + path.toAbsolutePath() + ")");
        }
        try {
            return readHeader(path, ch, maxMapBytes);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static SafetensorsFile readHeader(Path path, FileChannel ch, long maxMapBytes) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new SafetensorsException(path, "not a safetensors file: only " + size + " bytes");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen <= 1 || headerLen > MAX_HEADER) {
            throw new SafetensorsException(path, "not a safetensors file: header length " + headerLen
                    + " is out of range (is this a pickled .ckpt or another format?)");
        }
        if (8 + headerLen > size) {
            throw new SafetensorsException(path, "truncated file: header needs " + (8 + headerLen)
                    + " bytes but the file has " + size);
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        readFully(ch, hb, 8);
        String json = new String(hb.array(), StandardCharsets.UTF_8).strip();
        if (!json.startsWith("{")) {
            throw new SafetensorsException(path, "not a safetensors file: header is not a JSON object");
        }
        JsonObject header;
        try {
            header = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new SafetensorsException(path, "not a safetensors file: header is not valid JSON", e);
        }
        long dataStart = 8 + headerLen;
        long dataSize = size - dataStart;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                if (e.getValue().isJsonObject()) {
                    for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                        metadata.put(m.getKey(), m.getValue().isJsonPrimitive()
                                ? m.getValue().getAsString() : m.getValue().toString());
                    }
                }
                continue;
            }
            TensorInfo info = parseEntry(path, e.getKey(), e.getValue());
            if (info.end() > dataSize) {
                throw new SafetensorsException(path, "truncated file: tensor '" + info.name() + "' ends at byte "
                        + (dataStart + info.end()) + " but the file has only " + size + " bytes");
            }
            tensors.put(info.name(), info);
        }
        return new SafetensorsFile(path, ch, dataStart, maxMapBytes,
                Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static TensorInfo parseEntry(Path path, String name, JsonElement value) throws SafetensorsException {
        try {
            JsonObject o = value.getAsJsonObject();
            DType dtype;
            try {
                dtype = DType.fromCode(o.get("dtype").getAsString());
            } catch (IllegalArgumentException ex) {
                throw new SafetensorsException(path, "tensor '" + name + "': " + ex.getMessage());
            }
            var shapeArr = o.getAsJsonArray("shape");
            long[] shape = new long[shapeArr.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeArr.get(i).getAsLong();
                if (shape[i] < 0) {
                    throw new SafetensorsException(path, "tensor '" + name + "' has a negative dimension");
                }
            }
            var off = o.getAsJsonArray("data_offsets");
            if (off == null || off.size() != 2) {
                throw new SafetensorsException(path, "tensor '" + name + "' has no [begin, end] data_offsets");
            }
            long begin = off.get(0).getAsLong();
            long end = off.get(1).getAsLong();
            TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
            long expected = Math.multiplyExact(info.elementCount(), dtype.bytes());
            if (begin < 0 || end < begin || end - begin != expected) {
                throw new SafetensorsException(path, "header lies about tensor '" + name + "': offsets ["
                        + begin + ", " + end + ") hold " + (end - begin) + " bytes but " + info
                        + " needs " + expected);
            }
            return info;
        } catch (SafetensorsException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new SafetensorsException(path, "tensor '" + name + "' has a malformed header entry: " + value);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** The file this reader maps. */
    public Path path() {
        return path;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** All tensor entries in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} string map (empty if absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * The header entry of {@code name}.
     *
     * @throws IllegalArgumentException naming the file and the missing key
     */
    public TensorInfo info(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(path.getFileName() + " has no tensor '" + name + "'");
        }
        return t;
    }

    /**
     * Materialises one tensor. Float dtypes (F64, F32, F16, BF16, F8) become FLOAT32; integer and
     * bool dtypes keep their type (U8 → UINT8, I64 → INT64, ...) except I16, which becomes INT32.
     *
     * @param manager owner of the new array (engine thread only)
     */
    public NDArray load(String name, NDManager manager) throws IOException {
        TensorInfo t = info(name);
        Shape shape = new Shape(t.shape());
        DataType target = djlType(t.dtype());
        NDArray out = manager.create(shape, target);
        if (t.elementCount() == 0) {
            return out;
        }
        long outBytes = t.elementCount() * target.getNumOfBytes();
        if (outBytes > Integer.MAX_VALUE) {
            out.close();
            throw new SafetensorsException(path, "tensor '" + name + "' is larger than 2 GiB as fp32");
        }
        ByteBuffer dst = out.toByteBuffer(true);
        if (dst.isDirect() && !dst.isReadOnly() && dst.capacity() == outBytes) {
            decodeInto(t, dst.order(ByteOrder.nativeOrder()));
            return out;
        }
        // DJL handed back a copy rather than a view: fill a buffer and set it.
        ByteBuffer tmp = ByteBuffer.allocateDirect((int) outBytes).order(ByteOrder.nativeOrder());
        decodeInto(t, tmp);
        tmp.rewind();
        out.set(tmp);
        return out;
    }

    /** Reads a float tensor into a Java array (widening as {@link #load} does); for small tensors. */
    public float[] readFloats(String name) throws IOException {
        TensorInfo t = info(name);
        if (!t.dtype().isFloat()) {
            throw new IllegalArgumentException("tensor '" + name + "' is " + t.dtype().code() + ", not a float type");
        }
        long n = t.elementCount();
        if (n * 4 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor '" + name + "' is too large for a Java array");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) n * 4).order(ByteOrder.nativeOrder());
        decodeInto(t, buf);
        float[] out = new float[(int) n];
        buf.rewind();
        buf.asFloatBuffer().get(out);
        return out;
    }

    /**
     * Writes one float tensor, widened to fp32 as {@link #load} does, into {@code dst} (native
     * order, from its position; it must have room for {@code 4 * elementCount} bytes). For callers
     * that reuse one buffer across tensors.
     */
    public void readFloatsInto(String name, ByteBuffer dst) throws IOException {
        TensorInfo t = info(name);
        if (!t.dtype().isFloat()) {
            throw new IllegalArgumentException("tensor '" + name + "' is " + t.dtype().code() + ", not a float type");
        }
        if (dst.remaining() < t.elementCount() * 4) {
            throw new IllegalArgumentException("buffer too small for tensor '" + name + "'");
        }
        decodeInto(t, dst);
    }

    /** The raw little-endian bytes of one tensor, as stored; for tensors under 2 GiB. */
    public ByteBuffer raw(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor '" + name + "' is larger than 2 GiB; use load()");
        }
        ByteBuffer out = ByteBuffer.allocate((int) t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (ByteBuffer w : windows(t)) {
            out.put(w);
            DirectBuffers.release(w);
        }
        return out.flip();
    }

    private static DataType djlType(DType t) {
        return switch (t) {
            case F64, F32, F16, BF16, F8_E4M3, F8_E5M2 -> DataType.FLOAT32;
            case I64 -> DataType.INT64;
            case I32 -> DataType.INT32;
            // DJL's PyTorch binding aborts on INT16 arrays: widen to INT32.
            case I16 -> DataType.INT32;
            case I8 -> DataType.INT8;
            case U8 -> DataType.UINT8;
            case BOOL -> DataType.BOOLEAN;
        };
    }

    /** Decodes tensor data window by window into {@code dst} (native order, positioned at 0). */
    private void decodeInto(TensorInfo t, ByteBuffer dst) throws IOException {
        for (ByteBuffer w : windows(t)) {
            ElementDecoder.decode(t.dtype(), w, dst);
            DirectBuffers.release(w);
        }
    }

    /** Read-only little-endian mappings covering the tensor, each at most maxMapBytes, split on element boundaries. */
    private List<ByteBuffer> windows(TensorInfo t) throws IOException {
        List<ByteBuffer> out = new ArrayList<>();
        long step = Math.max(8, maxMapBytes - maxMapBytes % 8);
        for (long pos = t.begin(); pos < t.end(); pos += step) {
            long len = Math.min(step, t.end() - pos);
            out.add(channel.map(FileChannel.MapMode.READ_ONLY, dataStart + pos, len).order(ByteOrder.LITTLE_ENDIAN));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + tensors.size() + " tensors]";
    }
}
