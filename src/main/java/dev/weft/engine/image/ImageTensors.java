package dev.weft.engine.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;

/**
 * Conversions between ComfyUI IMAGE tensors and 8-bit pixels.
 *
 * <p>An IMAGE is a float NDArray [B, H, W, C] in 0..1 (C = 3 for RGB; 1 and 4 also occur). 8-bit
 * pixels become floats as LoadImage makes them ({@code uint8 / 255} in float32) and floats become
 * 8-bit as SaveImage writes them ({@code clip(255·p, 0, 255)} truncated toward zero, NaN as 0).
 * Engine thread only for the NDArray methods; the array methods are pure.
 */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** SaveImage's rule for one value: {@code uint8(clip(255·p, 0, 255))}, truncating. */
    public static int toByteLevel(float p) {
        float v = 255f * p;
        if (!(v > 0f)) {
            return 0; // also NaN
        }
        return v >= 255f ? 255 : (int) v;
    }

    /** SaveImage's rule over an array of values; the result holds levels 0..255 as unsigned bytes. */
    public static byte[] toUint8(float[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) toByteLevel(values[i]);
        }
        return out;
    }

    /** LoadImage's rule over unsigned bytes: {@code level / 255} in float32. */
    public static float[] fromUint8(byte[] levels) {
        float[] out = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            out[i] = (levels[i] & 0xff) / 255f;
        }
        return out;
    }

    /**
     * One batch item of an IMAGE as an 8-bit {@link BufferedImage} with SaveImage's rounding: RGB for
     * 3 channels, gray for 1, RGBA (non-premultiplied) for 4.
     *
     * @param image IMAGE [B, H, W, C]
     * @param index batch item
     */
    public static BufferedImage toBufferedImage(NDArray image, int index) {
        Shape s = requireImage(image);
        if (index < 0 || index >= s.get(0)) {
            throw new IndexOutOfBoundsException("batch item " + index + " of an IMAGE with " + s.get(0) + " items");
        }
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        int c = (int) s.get(3);
        float[] values;
        try (NDArray item = image.get(index)) {
            values = item.toFloatArray();
        }
        return toBufferedImage(toUint8(values), h, w, c);
    }

    /** Interleaved 8-bit samples [H, W, C] (C = 1, 3 or 4) as a {@link BufferedImage}. */
    public static BufferedImage toBufferedImage(byte[] hwc, int h, int w, int c) {
        int type = switch (c) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_3BYTE_BGR;
            case 4 -> BufferedImage.TYPE_4BYTE_ABGR;
            default -> throw new IllegalArgumentException("an image needs 1, 3 or 4 channels to be saved, got " + c);
        };
        BufferedImage img = new BufferedImage(w, h, type);
        WritableRaster r = img.getRaster();
        byte[] dst = ((DataBufferByte) r.getDataBuffer()).getData();
        int n = w * h;
        for (int p = 0; p < n; p++) {
            switch (c) {
                case 1 -> dst[p] = hwc[p];
                case 3 -> {
                    dst[3 * p] = hwc[3 * p + 2];
                    dst[3 * p + 1] = hwc[3 * p + 1];
                    dst[3 * p + 2] = hwc[3 * p];
                }
                default -> {
                    dst[4 * p] = hwc[4 * p + 3];
                    dst[4 * p + 1] = hwc[4 * p + 2];
                    dst[4 * p + 2] = hwc[4 * p + 1];
                    dst[4 * p + 3] = hwc[4 * p];
                }
            }
        }
        return img;
    }

    /**
     * 8-bit RGB samples of a {@link BufferedImage} as interleaved [H, W, 3] bytes (any colour model;
     * alpha is dropped, premultiplied colours are un-premultiplied by Java2D).
     */
    public static byte[] rgbBytes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int p = 0; p < argb.length; p++) {
            out[3 * p] = (byte) (argb[p] >>> 16);
            out[3 * p + 1] = (byte) (argb[p] >>> 8);
            out[3 * p + 2] = (byte) argb[p];
        }
        return out;
    }

    /** An IMAGE [1, H, W, 3] from a {@link BufferedImage}'s 8-bit RGB, as LoadImage converts it. */
    public static NDArray fromBufferedImage(BufferedImage img, NDManager manager) {
        return manager.create(fromUint8(rgbBytes(img)), new Shape(1, img.getHeight(), img.getWidth(), 3));
    }

    static Shape requireImage(NDArray image) {
        Shape s = image.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected an IMAGE [B, H, W, C], got shape " + s);
        }
        return s;
    }
}
