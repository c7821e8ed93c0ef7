package dev.weft.engine.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A float tensor [N, C, H, W] held in a Java array, row-major, for the pixel maths that runs in
 * plain Java (resampling, edge detection) where exact control of the arithmetic matters more than
 * speed. Mutable array; treat as a value.
 *
 * @param data n·c·h·w floats
 */
public record Planes(float[] data, int n, int c, int h, int w) {
    public Planes {
        if ((long) n * c * h * w != data.length) {
            throw new IllegalArgumentException("shape [" + n + ", " + c + ", " + h + ", " + w + "] does not match "
                    + data.length + " values");
        }
    }

    /** A zero-filled tensor. */
    public static Planes zeros(int n, int c, int h, int w) {
        return new Planes(new float[Math.multiplyExact(Math.multiplyExact(n * c, h), w)], n, c, h, w);
    }

    /** Copies a 4-D NDArray (any layout DJL can read) into Java memory. */
    public static Planes of(NDArray a) {
        Shape s = a.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected a 4-D tensor [N, C, H, W], got shape " + s);
        }
        return new Planes(a.toFloatArray(), (int) s.get(0), (int) s.get(1), (int) s.get(2), (int) s.get(3));
    }

    /** An NDArray [N, C, H, W] with these values, owned by {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, new Shape(n, c, h, w));
    }

    /** Offset of plane (batch item, channel) in {@link #data}. */
    public int plane(int item, int channel) {
        return (item * c + channel) * h * w;
    }

    /** The value at (item, channel, y, x). */
    public float get(int item, int channel, int y, int x) {
        return data[plane(item, channel) + y * w + x];
    }

    /** A copy of the window rows y0..y0+hh-1, columns x0..x0+ww-1 of every plane. */
    public Planes crop(int y0, int x0, int hh, int ww) {
        if (y0 < 0 || x0 < 0 || y0 + hh > h || x0 + ww > w || hh <= 0 || ww <= 0) {
            throw new IllegalArgumentException("crop " + ww + "x" + hh + " at (" + x0 + ", " + y0 + ") outside a "
                    + w + "x" + h + " image");
        }
        float[] out = new float[n * c * hh * ww];
        for (int p = 0; p < n * c; p++) {
            for (int y = 0; y < hh; y++) {
                System.arraycopy(data, p * h * w + (y0 + y) * w + x0, out, (p * hh + y) * ww, ww);
            }
        }
        return new Planes(out, n, c, hh, ww);
    }
}
