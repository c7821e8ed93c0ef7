package dev.weft.engine.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes tiny GIF89a files byte by byte for loader tests (the JDK's GIF writer remaps small
 * palettes). LZW data uses minimum code size 2 and a clear code after every two pixels, so every
 * code stays 3 bits wide and no string table is needed.
 */
final class TestGifs {
    /** One frame: its rectangle on the screen, palette indices row-major, and control block. */
    record Frame(int left, int top, int w, int h, int[] indices, int disposal, int transparentIndex) {
    }

    private TestGifs() {
    }

    /**
     * @param palette 4 RGB colours as 0xRRGGBB
     */
    static byte[] animated(int screenW, int screenH, int[] palette, Frame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        le16(out, screenW);
        le16(out, screenH);
        out.write(0x80 | 0x01); // global colour table of 2^(1+1) = 4 entries
        out.write(0);
        out.write(0);
        for (int c : palette) {
            out.write(c >> 16);
            out.write(c >> 8);
            out.write(c);
        }
        for (Frame f : frames) {
            out.write(0x21);
            out.write(0xf9);
            out.write(4);
            out.write((f.disposal() << 2) | (f.transparentIndex() >= 0 ? 1 : 0));
            le16(out, 10);
            out.write(Math.max(0, f.transparentIndex()));
            out.write(0);
            out.write(0x2c);
            le16(out, f.left());
            le16(out, f.top());
            le16(out, f.w());
            le16(out, f.h());
            out.write(0);
            out.write(2); // LZW minimum code size
            byte[] data = lzw(f.indices());
            for (int p = 0; p < data.length; p += 255) {
                int n = Math.min(255, data.length - p);
                out.write(n);
                out.write(data, p, n);
            }
            out.write(0);
        }
        out.write(0x3b);
        return out.toByteArray();
    }

    private static byte[] lzw(int[] indices) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] acc = new int[2]; // bit buffer, bit count
        emit(bytes, acc, 4);
        for (int i = 0; i < indices.length; i++) {
            if (i > 0 && i % 2 == 0) {
                emit(bytes, acc, 4);
            }
            emit(bytes, acc, indices[i]);
        }
        emit(bytes, acc, 5);
        if (acc[1] > 0) {
            bytes.write(acc[0] & 0xff);
        }
        return bytes.toByteArray();
    }

    private static void emit(ByteArrayOutputStream out, int[] acc, int code) {
        acc[0] |= code << acc[1];
        acc[1] += 3;
        while (acc[1] >= 8) {
            out.write(acc[0] & 0xff);
            acc[0] >>>= 8;
            acc[1] -= 8;
        }
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write(v >> 8);
    }
}
