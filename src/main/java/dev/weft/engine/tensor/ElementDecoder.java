package dev.weft.engine.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.stream.IntStream;

/**
 * Turns stored little-endian tensor bytes into the in-memory form Weft computes with: fp32 for
 * every float dtype, INT32 for I16, the same type otherwise. Large blocks are converted on all cores.
 */
final class ElementDecoder {
    /** Elements per parallel task; small enough to spread a 20 MB tensor over two cores. */
    private static final int BLOCK = 1 << 20;
    /** Elements converted through one pair of small scratch arrays at a time. */
    private static final int CHUNK = 1 << 14;

    private ElementDecoder() {
    }

    /**
     * Decodes all of {@code src} (little-endian {@code dtype} data) and appends it to {@code dst}
     * (native order), advancing {@code dst}'s position.
     */
    static void decode(DType dtype, ByteBuffer src, ByteBuffer dst) {
        src = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        int start = dst.position();
        switch (dtype) {
            case F32 -> {
                if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                    dst.put(src);
                } else {
                    dst.asFloatBuffer().put(src.asFloatBuffer());
                    dst.position(start + src.capacity());
                }
            }
            case F16, BF16 -> {
                int n = src.capacity() / 2;
                ShortBuffer in = src.asShortBuffer();
                FloatBuffer out = dst.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
                boolean half = dtype == DType.F16;
                parallelBlocks(n, (from, to) -> {
                    // Small arrays, reused across the block: arrays of half a G1 region or more are
                    // "humongous", and a few GB of them per checkpoint load grew the Java heap by a GB.
                    short[] s = new short[Math.min(CHUNK, to - from)];
                    float[] f = new float[s.length];
                    for (int at = from; at < to; at += CHUNK) {
                        int len = Math.min(CHUNK, to - at);
                        in.get(at, s, 0, len);
                        for (int i = 0; i < len; i++) {
                            f[i] = half ? HalfFloats.halfToFloat(s[i]) : HalfFloats.bf16ToFloat(s[i]);
                        }
                        out.put(at, f, 0, len);
                    }
                });
                dst.position(start + n * 4);
            }
            case F8_E4M3, F8_E5M2 -> {
                int n = src.capacity();
                boolean e4 = dtype == DType.F8_E4M3;
                FloatBuffer out = dst.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    byte b = src.get(i);
                    out.put(i, e4 ? HalfFloats.e4m3ToFloat(b) : HalfFloats.e5m2ToFloat(b));
                }
                dst.position(start + n * 4);
            }
            case F64 -> {
                int n = src.capacity() / 8;
                FloatBuffer out = dst.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
                var in = src.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    out.put(i, (float) in.get(i));
                }
                dst.position(start + n * 4);
            }
            case I16 -> {
                int n = src.capacity() / 2;
                var in = src.asShortBuffer();
                var out = dst.slice().order(ByteOrder.nativeOrder()).asIntBuffer();
                for (int i = 0; i < n; i++) {
                    out.put(i, in.get(i));
                }
                dst.position(start + n * 4);
            }
            case I64, I32, I8, U8, BOOL -> {
                if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN || dtype.bytes() == 1) {
                    dst.put(src);
                } else {
                    throw new UnsupportedOperationException("big-endian hosts are not supported");
                }
            }
        }
    }

    private interface Block {
        void run(int from, int to);
    }

    private static void parallelBlocks(int n, Block block) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        if (blocks <= 1) {
            block.run(0, n);
            return;
        }
        IntStream.range(0, blocks).parallel().forEach(b -> block.run(b * BLOCK, Math.min(n, (b + 1) * BLOCK)));
    }
}
