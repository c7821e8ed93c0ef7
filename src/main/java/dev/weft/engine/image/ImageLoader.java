package dev.weft.engine.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

/**
 * ComfyUI's LoadImage: an image file to an IMAGE [B, H, W, 3] and a MASK [B, H, W].
 *
 * <p>Rules, as in {@code nodes.py} with Pillow: each frame is turned upright by its EXIF orientation,
 * converted to 8-bit RGB and divided by 255 (float32). The MASK is {@code 1 - alpha/255} when the
 * frame has alpha (an alpha channel, or a palette with transparency), else a 64x64 zero mask.
 * Frames of a different size from the first are skipped and the rest are batched (JPEG's MPO
 * extension frames are never batched). Sample depths: 16-bit colour keeps the high byte (Pillow's
 * unpacking); 16-bit gray is scaled by {@code floor(v/255)} clipped to 255, the conversion ComfyUI
 * applies to Pillow's 32-bit mode "I" - recent Pillow opens 16-bit gray PNGs as "I;16", for which
 * ComfyUI instead clips values above 255 and shows a nearly white image; Weft keeps the intended
 * scaling. Palette and 1-bit images expand through their palette. When frames disagree about alpha,
 * frames without it get an all-zero mask of the frame size (ComfyUI would fail to concatenate).
 *
 * <p>Formats are those of Java's ImageIO: PNG, JPEG, GIF (animation frames composited with their
 * offsets and disposal), BMP, WBMP and TIFF (pages). WebP and AVIF are not readable. EXIF
 * orientation is read from JPEG APP1, PNG eXIf and TIFF tags (see {@link ExifOrientation}).
 */
public final class ImageLoader {
    private ImageLoader() {
    }

    /**
     * An IMAGE and its MASK, owned by the manager they were created with.
     *
     * @param image [B, H, W, 3] float in 0..1
     * @param mask  [B, H, W] float, 1 = masked (transparent)
     */
    public record LoadedImage(NDArray image, NDArray mask) implements AutoCloseable {
        @Override
        public void close() {
            image.close();
            mask.close();
        }
    }

    /** One decoded frame: upright 8-bit-derived RGB floats and alpha levels, or no alpha. */
    record Frame(int h, int w, float[] rgb, float[] alpha) {
    }

    /**
     * Loads a file.
     *
     * @throws IOException naming the file when it is missing or not a readable image
     */
    public static LoadedImage load(Path file, NDManager manager) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("image file not found: " + file);
        }
        try {
            return load(Files.readAllBytes(file), manager);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Loads an encoded image (PNG, JPEG, ...) from memory. */
    public static LoadedImage load(byte[] encoded, NDManager manager) throws IOException {
        List<Frame> frames = decode(encoded);
        Frame first = frames.get(0);
        List<Frame> kept = new ArrayList<>();
        for (Frame f : frames) {
            if (f.h() == first.h() && f.w() == first.w()) {
                kept.add(f);
            }
        }
        int n = kept.size();
        int hw = first.h() * first.w();
        float[] rgb = new float[n * hw * 3];
        boolean anyAlpha = kept.stream().anyMatch(f -> f.alpha() != null);
        float[] mask = anyAlpha ? new float[n * hw] : new float[n * 64 * 64];
        for (int i = 0; i < n; i++) {
            Frame f = kept.get(i);
            System.arraycopy(f.rgb(), 0, rgb, i * hw * 3, hw * 3);
            if (f.alpha() != null) {
                for (int p = 0; p < hw; p++) {
                    mask[i * hw + p] = 1f - f.alpha()[p];
                }
            }
        }
        NDArray image = manager.create(rgb, new Shape(n, first.h(), first.w(), 3));
        NDArray m = anyAlpha ? manager.create(mask, new Shape(n, first.h(), first.w()))
                : manager.create(mask, new Shape(n, 64, 64));
        return new LoadedImage(image, m);
    }

    /** Every frame of the file, decoded and upright. */
    static List<Frame> decode(byte[] encoded) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not an image Weft can read (supported: PNG, JPEG, GIF, BMP, TIFF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                if (format.equals("gif")) {
                    return GifFrames.decode(reader);
                }
                int count = format.startsWith("jp") ? 1 : reader.getNumImages(true);
                List<Frame> frames = new ArrayList<>();
                for (int i = 0; i < Math.max(1, count); i++) {
                    BufferedImage img = reader.read(i);
                    IIOMetadata meta = reader.getImageMetadata(i);
                    frames.add(upright(toFrame(img), ExifOrientation.read(meta)));
                }
                return frames;
            } catch (javax.imageio.IIOException e) {
                throw new IOException("cannot decode the image (" + e.getMessage() + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    static Frame upright(Frame f, int orientation) {
        if (orientation <= 1) {
            return f;
        }
        int[] size = new int[2];
        float[] rgb = ExifOrientation.apply(orientation, f.rgb(), f.h(), f.w(), 3, size);
        float[] alpha = f.alpha() == null ? null : ExifOrientation.apply(orientation, f.alpha(), f.h(), f.w(), 1, size);
        return new Frame(size[0], size[1], rgb, alpha);
    }

    /** Pillow's convert("RGB") of one decoded image, plus its alpha in 0..1 if it has one. */
    static Frame toFrame(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        float[] rgb = new float[w * h * 3];
        float[] alpha = null;
        if (cm instanceof IndexColorModel icm) {
            boolean hasAlpha = icm.hasAlpha();
            alpha = hasAlpha ? new float[w * h] : null;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = icm.getRGB(r.getSample(x, y, 0));
                    int p = y * w + x;
                    rgb[3 * p] = ((argb >> 16) & 0xff) / 255f;
                    rgb[3 * p + 1] = ((argb >> 8) & 0xff) / 255f;
                    rgb[3 * p + 2] = (argb & 0xff) / 255f;
                    if (hasAlpha) {
                        alpha[p] = (argb >>> 24) / 255f;
                    }
                }
            }
            return new Frame(h, w, rgb, alpha);
        }
        if (cm.isAlphaPremultiplied() || cm.getNumComponents() != r.getNumBands()) {
            return fromArgb(img);
        }
        int colours = cm.getNumColorComponents();
        boolean hasAlpha = cm.hasAlpha();
        int bits = cm.getComponentSize(0);
        if ((colours != 1 && colours != 3) || bits > 16) {
            return fromArgb(img);
        }
        alpha = hasAlpha ? new float[w * h] : null;
        int alphaBand = colours;
        int[] px = new int[r.getNumBands()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, px);
                int p = y * w + x;
                if (colours == 1) {
                    float v = level(px[0], bits, true) / 255f;
                    rgb[3 * p] = v;
                    rgb[3 * p + 1] = v;
                    rgb[3 * p + 2] = v;
                } else {
                    for (int c = 0; c < 3; c++) {
                        rgb[3 * p + c] = level(px[c], bits, false) / 255f;
                    }
                }
                if (hasAlpha) {
                    alpha[p] = level(px[alphaBand], bits, false) / 255f;
                }
            }
        }
        return new Frame(h, w, rgb, alpha);
    }

    /** An 8-bit level from a sample of the given depth (see the class comment for 16 bits). */
    static int level(int sample, int bits, boolean gray) {
        if (bits == 8) {
            return sample;
        }
        if (bits == 16) {
            return gray ? Math.min(255, sample / 255) : sample >>> 8;
        }
        if (bits == 1) {
            return sample != 0 ? 255 : 0;
        }
        // 2- and 4-bit gray scale up to 8 bits as Pillow's L;2 / L;4 unpackers do.
        return sample * 255 / ((1 << bits) - 1);
    }

    /** Any other colour model through Java2D's sRGB conversion. */
    private static Frame fromArgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        boolean hasAlpha = img.getColorModel().hasAlpha();
        float[] rgb = new float[w * h * 3];
        float[] alpha = hasAlpha ? new float[w * h] : null;
        for (int p = 0; p < argb.length; p++) {
            rgb[3 * p] = ((argb[p] >> 16) & 0xff) / 255f;
            rgb[3 * p + 1] = ((argb[p] >> 8) & 0xff) / 255f;
            rgb[3 * p + 2] = (argb[p] & 0xff) / 255f;
            if (hasAlpha) {
                alpha[p] = (argb[p] >>> 24) / 255f;
            }
        }
        return new Frame(h, w, rgb, alpha);
    }
}
