package dev.weft.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.weft.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code .safetensors} files: an 8-byte little-endian header length, a JSON header padded
 * with spaces to a multiple of 8, then each tensor's little-endian data in entry order.
 *
 * <p>Data is streamed entry by entry, so checkpoints larger than memory can be written; an entry
 * whose data is all zeros may skip writing and leave a sparse hole. The file is written to a
 * temporary sibling and moved into place, so a reader never sees a half-written file.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    /** Writes one tensor's bytes at an absolute file position. */
    @FunctionalInterface
    public interface DataSource {
        /**
         * Writes exactly the entry's byte size starting at {@code position}, or nothing at all if the
         * data is zeros (the writer extends the file to its full length at the end).
         */
        void writeTo(FileChannel channel, long position) throws IOException;
    }

    /**
     * One tensor to write.
     *
     * @param name   key in the header
     * @param dtype  stored element type
     * @param shape  dimensions, row-major
     * @param source produces the little-endian data
     */
    public record Entry(String name, DType dtype, long[] shape, DataSource source) {
        public Entry {
            shape = shape.clone();
        }

        public long byteSize() {
            long n = dtype.bytes();
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        /** fp32 values stored as {@code dtype} (F32, F16 or BF16), rounding to nearest even. */
        public static Entry ofFloats(String name, DType dtype, long[] shape, float[] values) {
            return new Entry(name, dtype, shape, (ch, pos) -> writeFully(ch, encodeFloats(dtype, values), pos));
        }

        /** Raw little-endian bytes, already in {@code dtype}'s layout. */
        public static Entry ofBytes(String name, DType dtype, long[] shape, byte[] littleEndian) {
            return new Entry(name, dtype, shape,
                    (ch, pos) -> writeFully(ch, ByteBuffer.wrap(littleEndian), pos));
        }

        /** An all-zero tensor written as a sparse hole. */
        public static Entry zeros(String name, DType dtype, long[] shape) {
            return new Entry(name, dtype, shape, (ch, pos) -> { });
        }

        /** A float32 NDArray stored as {@code dtype} (F32, F16 or BF16). Reads the array now. */
        public static Entry ofArray(String name, DType dtype, NDArray array) {
            if (array.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("only FLOAT32 arrays can be written, got " + array.getDataType());
            }
            return ofFloats(name, dtype, array.getShape().getShape(), array.toFloatArray());
        }
    }

    /** Writes {@code entries} (and optional string metadata) to {@code path} atomically. */
    public static void write(Path path, List<Entry> entries, Map<String, String> metadata) throws IOException {
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Entry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("dtype", e.dtype().code());
            JsonArray shape = new JsonArray();
            for (long d : e.shape()) {
                shape.add(d);
            }
            o.add("shape", shape);
            JsonArray off = new JsonArray();
            off.add(offset);
            offset += e.byteSize();
            off.add(offset);
            o.add("data_offsets", off);
            if (header.has(e.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + e.name() + "'");
            }
            header.add(e.name(), o);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();

        AtomicFiles.write(path, ch -> {
            writeFully(ch, head, 0);
            long pos = 8 + padded;
            for (Entry e : entries) {
                e.source().writeTo(ch, pos);
                pos += e.byteSize();
            }
            if (ch.size() < pos) {
                // Extend to full length; the gap reads as zeros (a sparse hole where supported).
                writeFully(ch, ByteBuffer.allocate(1), pos - 1);
            }
        });
    }

    /** Writes all of {@code buf} at {@code position}. */
    public static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    static ByteBuffer encodeFloats(DType dtype, float[] values) {
        switch (dtype) {
            case F32 -> {
                ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(values);
                return b;
            }
            case F16, BF16 -> {
                ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                var s = b.asShortBuffer();
                for (float v : values) {
                    s.put(dtype == DType.F16 ? HalfFloats.floatToHalf(v) : HalfFloats.floatToBf16(v));
                }
                return b;
            }
            default -> throw new IllegalArgumentException("cannot encode floats as " + dtype.code());
        }
    }
}
