package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/**
 * ComfyUI's {@code comfy.utils.tiled_scale} for 2-D data: runs a function on overlapping tiles of
 * [B, C, H, W] samples and blends the tile outputs with a linear feather over the overlap. Used for
 * tiled VAE decoding (output 8x larger) and encoding (output 8x smaller).
 *
 * <p>Reproduces the reference: tile origins {@code range(0, size - overlap, tile - overlap)} clamped
 * to {@code size - overlap}; output origins {@code round(scale · origin)} with Python's
 * round-half-even; a feather of {@code round(scale · overlap)} pixels whose weights
 * {@code (t+1)/feather} multiply the first and last rows and columns of a tile's mask; the blend is
 * {@code Σ tile·mask / Σ mask} in float32; a sample that fits in one tile is passed through whole.
 * Accumulation happens in Java float arrays, tile by tile, in the reference's order.
 * Engine thread only.
 */
final class VaeTiler {
    private VaeTiler() {
    }

    /**
     * @param samples     [B, C, H, W]
     * @param fn          maps one tile [1, C, h, w] to [1, outChannels, h', w']; its result is closed here
     * @param tileY       tile height in input pixels
     * @param tileX       tile width in input pixels
     * @param overlap     overlap in input pixels
     * @param scale       output pixels per input pixel (8 for decoding, 1/8 for encoding)
     * @param outChannels channels of the function's output
     * @return [B, outChannels, round(scale·H), round(scale·W)] on {@code samples}' manager
     */
    static NDArray tiledScale(NDArray samples, UnaryOperator<NDArray> fn, int tileY, int tileX, int overlap,
                              double scale, int outChannels) {
        if (tileX <= overlap || tileY <= overlap) {
            throw new IllegalArgumentException("tile size " + tileX + "x" + tileY + " must be larger than the overlap "
                    + overlap);
        }
        Shape s = samples.getShape();
        int b = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int oh = roundHalfEven(scale * h);
        int ow = roundHalfEven(scale * w);
        int plane = oh * ow;
        float[] result = new float[b * outChannels * plane];
        for (int n = 0; n < b; n++) {
            float[] out = new float[outChannels * plane];
            float[] div = new float[plane];
            boolean whole = h <= tileY && w <= tileX;
            for (int y : origins(h, tileY, overlap)) {
                for (int x : origins(w, tileX, overlap)) {
                    int py = Math.max(0, Math.min(h - overlap, y));
                    int px = Math.max(0, Math.min(w - overlap, x));
                    int ly = Math.min(tileY, h - py);
                    int lx = Math.min(tileX, w - px);
                    float[] tile;
                    int th;
                    int tw;
                    try (NDArray in = samples.get("{}:{}, :, {}:{}, {}:{}", n, n + 1, py, py + ly, px, px + lx);
                         NDArray o = fn.apply(in)) {
                        Shape os = o.getShape();
                        if (os.get(1) != outChannels) {
                            throw new IllegalStateException("tile function returned " + os.get(1) + " channels, expected "
                                    + outChannels);
                        }
                        th = (int) os.get(2);
                        tw = (int) os.get(3);
                        tile = o.toFloatArray();
                    }
                    if (whole) {
                        System.arraycopy(tile, 0, result, n * outChannels * plane, tile.length);
                        continue;
                    }
                    int oy = roundHalfEven(scale * py);
                    int ox = roundHalfEven(scale * px);
                    if (oy + th > oh || ox + tw > ow) {
                        throw new IllegalStateException("a tile's output (" + th + "x" + tw + " at " + oy + "," + ox
                                + ") falls outside the " + oh + "x" + ow + " result; choose tile sizes that are "
                                + "multiples of the VAE's factor");
                    }
                    float[] mask = featherMask(th, tw, roundHalfEven(scale * overlap));
                    for (int c = 0; c < outChannels; c++) {
                        for (int i = 0; i < th; i++) {
                            int src = (c * th + i) * tw;
                            int dst = c * plane + (oy + i) * ow + ox;
                            for (int j = 0; j < tw; j++) {
                                out[dst + j] += tile[src + j] * mask[i * tw + j];
                            }
                        }
                    }
                    for (int i = 0; i < th; i++) {
                        for (int j = 0; j < tw; j++) {
                            div[(oy + i) * ow + ox + j] += mask[i * tw + j];
                        }
                    }
                }
            }
            if (!whole) {
                for (int c = 0; c < outChannels; c++) {
                    for (int p = 0; p < plane; p++) {
                        result[(n * outChannels + c) * plane + p] = out[c * plane + p] / div[p];
                    }
                }
            }
        }
        NDManager m = samples.getManager();
        return m.create(result, new Shape(b, outChannels, oh, ow));
    }

    /** Tile origins along one axis, before clamping: the reference's {@code range} or just 0. */
    static int[] origins(int size, int tile, int overlap) {
        if (size <= tile) {
            return new int[] {0};
        }
        int step = tile - overlap;
        int count = Math.max(0, (size - overlap + step - 1) / step);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = i * step;
        }
        return out;
    }

    /** The blend weights of one tile output, row-major [h, w]. */
    static float[] featherMask(int h, int w, int feather) {
        float[] mask = new float[h * w];
        java.util.Arrays.fill(mask, 1f);
        if (feather < h) {
            for (int t = 0; t < feather; t++) {
                float a = (float) ((t + 1) / (double) feather);
                for (int j = 0; j < w; j++) {
                    mask[t * w + j] *= a;
                    mask[(h - 1 - t) * w + j] *= a;
                }
            }
        }
        if (feather < w) {
            for (int t = 0; t < feather; t++) {
                float a = (float) ((t + 1) / (double) feather);
                for (int i = 0; i < h; i++) {
                    mask[i * w + t] *= a;
                    mask[i * w + w - 1 - t] *= a;
                }
            }
        }
        return mask;
    }

    /** Python's {@code round} for non-negative sizes: half to even. */
    static int roundHalfEven(double v) {
        return (int) Math.rint(v);
    }
}
