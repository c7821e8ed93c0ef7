package dev.weft.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    private static NDManager manager;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        TensorRuntime.ensureInit();
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void free() {
        manager.close();
    }

    private static float[] randomFloats(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * 3f;
        }
        return v;
    }

    @Test
    void floatTypesRoundTripThroughWriterAndWidenToFp32() throws IOException {
        float[] values = randomFloats(3 * 5 * 7, 1);
        Path file = tmp.resolve("floats.safetensors");
        SafetensorsWriter.write(file, List.of(
                SafetensorsWriter.Entry.ofFloats("f32", DType.F32, new long[] {3, 5, 7}, values),
                SafetensorsWriter.Entry.ofFloats("f16", DType.F16, new long[] {3, 5, 7}, values),
                SafetensorsWriter.Entry.ofFloats("bf16", DType.BF16, new long[] {3, 5, 7}, values)),
                Map.of("format", "pt"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(List.of("f32", "f16", "bf16"), List.copyOf(f.names()));
            NDArray f32 = f.load("f32", manager);
            assertEquals(DataType.FLOAT32, f32.getDataType());
            assertArrayEquals(new long[] {3, 5, 7}, f32.getShape().getShape());
            assertArrayEquals(values, f32.toFloatArray());
            float[] f16 = f.load("f16", manager).toFloatArray();
            float[] bf16 = f.load("bf16", manager).toFloatArray();
            for (int i = 0; i < values.length; i++) {
                assertEquals(HalfFloats.halfToFloat(HalfFloats.floatToHalf(values[i])), f16[i]);
                assertEquals(values[i], f16[i], Math.abs(values[i]) * 1e-3 + 1e-4);
                assertEquals(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(values[i])), bf16[i]);
                assertEquals(values[i], bf16[i], Math.abs(values[i]) * 8e-3);
            }
        }
    }

    @Test
    void halfConversionIsExactOnEveryBitPatternThatRoundTrips() {
        for (int h = 0; h < 65536; h++) {
            float f = HalfFloats.halfToFloat((short) h);
            if (!Float.isNaN(f)) {
                assertEquals((short) h, HalfFloats.floatToHalf(f), "half bits " + Integer.toHexString(h));
            }
        }
        assertEquals(1.0f, HalfFloats.halfToFloat((short) 0x3c00));
        assertEquals(65504f, HalfFloats.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, HalfFloats.halfToFloat((short) 0x0001));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.halfToFloat(HalfFloats.floatToHalf(1e6f)));
        // 1 + 2^-11 is exactly between two halves: ties go to even (1.0).
        assertEquals((short) 0x3c00, HalfFloats.floatToHalf(1f + 0x1p-11f));
        assertEquals(448f, HalfFloats.e4m3ToFloat((byte) 0x7e));
        assertEquals(57344f, HalfFloats.e5m2ToFloat((byte) 0x7b));
    }

    @Test
    void integerAndBoolTypesKeepTheirType() throws IOException {
        ByteBuffer i64 = ByteBuffer.allocate(3 * 8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).putLong(7).putLong(1L << 40);
        ByteBuffer i32 = ByteBuffer.allocate(2 * 4).order(ByteOrder.LITTLE_ENDIAN).putInt(-5).putInt(9);
        Path file = tmp.resolve("ints.safetensors");
        SafetensorsWriter.write(file, List.of(
                SafetensorsWriter.Entry.ofBytes("i64", DType.I64, new long[] {3}, i64.array()),
                SafetensorsWriter.Entry.ofBytes("i32", DType.I32, new long[] {2}, i32.array()),
                SafetensorsWriter.Entry.ofBytes("u8", DType.U8, new long[] {2, 2}, new byte[] {0, 1, (byte) 200, (byte) 255}),
                SafetensorsWriter.Entry.ofBytes("i8", DType.I8, new long[] {2}, new byte[] {-3, 4}),
                SafetensorsWriter.Entry.ofBytes("bool", DType.BOOL, new long[] {2}, new byte[] {1, 0}),
                SafetensorsWriter.Entry.ofBytes("i16", DType.I16, new long[] {1}, new byte[] {(byte) 0xff, (byte) 0x7f})), null);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(new long[] {-1, 7, 1L << 40}, f.load("i64", manager).toLongArray());
            assertArrayEquals(new int[] {-5, 9}, f.load("i32", manager).toIntArray());
            NDArray u8 = f.load("u8", manager);
            assertEquals(DataType.UINT8, u8.getDataType());
            assertArrayEquals(new int[] {0, 1, 200, 255}, u8.toType(DataType.INT32, false).toIntArray());
            assertArrayEquals(new byte[] {-3, 4}, f.load("i8", manager).toByteArray());
            assertArrayEquals(new boolean[] {true, false}, f.load("bool", manager).toBooleanArray());
            assertArrayEquals(new int[] {32767}, f.load("i16", manager).toIntArray());
            assertEquals(DType.I16, f.info("i16").dtype());
        }
    }

    @Test
    void f64IsNarrowedToFp32() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-2.5);
        Path file = tmp.resolve("f64.safetensors");
        SafetensorsWriter.write(file, List.of(SafetensorsWriter.Entry.ofBytes("d", DType.F64, new long[] {2}, d.array())), null);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {0.1f, -2.5f}, f.load("d", manager).toFloatArray());
        }
    }

    @Test
    void emptyAndScalarTensorsLoad() throws IOException {
        Path file = tmp.resolve("empty.safetensors");
        SafetensorsWriter.write(file, List.of(
                SafetensorsWriter.Entry.ofFloats("empty", DType.F16, new long[] {0, 4}, new float[0]),
                SafetensorsWriter.Entry.ofFloats("scalar", DType.F32, new long[] {}, new float[] {2.5f})), null);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            NDArray e = f.load("empty", manager);
            assertArrayEquals(new long[] {0, 4}, e.getShape().getShape());
            assertEquals(0, e.size());
            assertEquals(0, f.info("empty").byteSize());
            assertEquals(2.5f, f.load("scalar", manager).getFloat());
        }
    }

    @Test
    void smallMappingWindowsSplitATensorAndStillReadIt() throws IOException {
        float[] values = randomFloats(10_001, 2);
        Path file = tmp.resolve("windows.safetensors");
        SafetensorsWriter.write(file, List.of(
                SafetensorsWriter.Entry.ofFloats("a", DType.F16, new long[] {7}, randomFloats(7, 3)),
                SafetensorsWriter.Entry.ofFloats("big", DType.F16, new long[] {10_001}, values),
                SafetensorsWriter.Entry.ofFloats("big32", DType.F32, new long[] {10_001}, values)), null);
        try (SafetensorsFile whole = SafetensorsFile.open(file);
             SafetensorsFile split = SafetensorsFile.open(file, 1000)) {
            assertArrayEquals(whole.load("big", manager).toFloatArray(), split.load("big", manager).toFloatArray());
            assertArrayEquals(values, split.load("big32", manager).toFloatArray());
            assertArrayEquals(whole.readFloats("a"), split.readFloats("a"));
        }
    }

    @Test
    void fileLargerThan2GiBIsReadThroughSeveralMappings() throws IOException {
        // A sparse file: a 2.5 GiB zero tensor nobody writes, then a small tensor after it.
        long bigElems = (5L << 30) / 2 / 2; // 2.5 GiB of F16
        float[] tail = randomFloats(1000, 4);
        Path file = tmp.resolve("huge.safetensors");
        try {
            SafetensorsWriter.write(file, List.of(
                    SafetensorsWriter.Entry.zeros("zeros", DType.F16, new long[] {bigElems}),
                    SafetensorsWriter.Entry.ofFloats("tail", DType.F32, new long[] {1000}, tail)), null);
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("file system refused a sparse 2.5 GiB file: " + e.getMessage());
        }
        assertTrue(Files.size(file) > (2L << 30));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertTrue(f.info("tail").begin() > Integer.MAX_VALUE);
            assertArrayEquals(tail, f.load("tail", manager).toFloatArray());
            assertEquals(bigElems * 2, f.info("zeros").byteSize());
        }
    }

    @Test
    void truncatedFileIsRefusedNamingTheTensor() throws IOException {
        Path file = tmp.resolve("trunc.safetensors");
        SafetensorsWriter.write(file, List.of(
                SafetensorsWriter.Entry.ofFloats("w", DType.F32, new long[] {100}, randomFloats(100, 5))), null);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 10);
        }
        var e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void fileCutInsideTheHeaderIsTruncated() throws IOException {
        Path file = tmp.resolve("cut.safetensors");
        SafetensorsWriter.write(file, List.of(
                SafetensorsWriter.Entry.ofFloats("w", DType.F32, new long[] {4}, randomFloats(4, 6))), null);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(20);
        }
        var e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void headerThatLiesAboutOffsetsIsRefused() throws IOException {
        Path file = writeRaw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,12]}}", 16);
        var e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("header lies") && e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void unknownDtypeIsRefusedNamingIt() throws IOException {
        Path file = writeRaw("{\"w\":{\"dtype\":\"Q4\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4);
        var e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("unknown dtype 'Q4'"), e.getMessage());
    }

    @Test
    void aPickleOrTextFileIsNotSafetensors() throws IOException {
        Path pickle = tmp.resolve("model.ckpt");
        Files.write(pickle, new byte[] {(byte) 0x80, 0x02, 0x7d, 0x71, 0x00, 0x28, 0x58, 0x0b, 0x00, 0x00, 0x00, 0x00});
        var e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(pickle));
        assertTrue(e.getMessage().contains("not a safetensors file"), e.getMessage());

        Path tiny = tmp.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertTrue(assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(tiny))
                .getMessage().contains("not a safetensors file"));

        Path notJson = writeRaw("[1,2,3]", 0);
        assertTrue(assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(notJson))
                .getMessage().contains("not a safetensors file"));
    }

    @Test
    void missingFileAndMissingTensorGiveClearMessages() throws IOException {
        var e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(tmp.resolve("nope.safetensors")));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
        Path file = tmp.resolve("one.safetensors");
        SafetensorsWriter.write(file, List.of(SafetensorsWriter.Entry.ofFloats("a", DType.F32, new long[] {1}, new float[] {1})), null);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            var m = assertThrows(IllegalArgumentException.class, () -> f.info("b"));
            assertTrue(m.getMessage().contains("no tensor 'b'"), m.getMessage());
        }
    }

    @Test
    void writerLeavesNoTemporaryFileBehind() throws IOException {
        Path file = tmp.resolve("clean.safetensors");
        SafetensorsWriter.write(file, List.of(SafetensorsWriter.Entry.ofFloats("a", DType.F32, new long[] {1}, new float[] {1})), null);
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList());
        }
        // The header is padded to a multiple of 8 bytes as the format asks.
        ByteBuffer len = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, len.getLong() % 8);
    }

    private Path writeRaw(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path file = Files.createTempFile(tmp, "raw", ".safetensors");
        Files.write(file, b.array());
        return file;
    }
}
