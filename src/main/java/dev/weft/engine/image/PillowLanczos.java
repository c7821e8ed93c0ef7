package dev.weft.engine.image;

/**
 * Pillow's {@code Image.resize(size, Image.LANCZOS)} for 8-bit images, bit for bit: Lanczos-3
 * weights widened by the downscale factor (so shrinking is antialiased), normalised, converted to
 * 22-bit fixed point, a horizontal pass to an 8-bit intermediate image, then a vertical pass, each
 * rounding and clipping to 0..255. RGBA is resampled premultiplied, as Pillow does. This is what
 * ComfyUI's "lanczos" ImageScale runs (through PIL) on {@code uint8(clip(255·p))}.
 *
 * <p>Pure Java; thread-safe.
 */
final class PillowLanczos {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 3.0;

    private PillowLanczos() {
    }

    /**
     * Resizes interleaved 8-bit pixels.
     *
     * @param hwc      [h, w, channels] levels as unsigned bytes
     * @param channels 1 (L), 3 (RGB) or 4 (RGBA)
     * @return [oh, ow, channels]
     */
    static byte[] resize(byte[] hwc, int h, int w, int channels, int oh, int ow) {
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("lanczos works on 1, 3 or 4 channel images (PIL L, RGB, RGBA), got "
                    + channels);
        }
        if (h == oh && w == ow) {
            return hwc.clone();
        }
        int[][] planes = new int[channels][h * w];
        for (int p = 0; p < h * w; p++) {
            for (int c = 0; c < channels; c++) {
                planes[c][p] = hwc[p * channels + c] & 0xff;
            }
        }
        if (channels == 4) {
            premultiply(planes);
        }
        int[][] out = new int[channels][];
        for (int c = 0; c < channels; c++) {
            out[c] = resizePlane(planes[c], h, w, oh, ow);
        }
        if (channels == 4) {
            unpremultiply(out);
        }
        byte[] result = new byte[oh * ow * channels];
        for (int p = 0; p < oh * ow; p++) {
            for (int c = 0; c < channels; c++) {
                result[p * channels + c] = (byte) out[c][p];
            }
        }
        return result;
    }

    private static int[] resizePlane(int[] in, int h, int w, int oh, int ow) {
        Coefficients vert = coefficients(h, oh);
        boolean horizontal = ow != w;
        boolean vertical = oh != h;
        int[] src = in;
        int srcW = w;
        int rowOffset = 0;
        if (horizontal) {
            Coefficients hor = coefficients(w, ow);
            int first = vert.bounds[0];
            int last = vert.bounds[2 * (oh - 1)] + vert.bounds[2 * (oh - 1) + 1];
            int rows = last - first;
            int[] tmp = new int[rows * ow];
            for (int y = 0; y < rows; y++) {
                int line = (y + first) * w;
                for (int x = 0; x < ow; x++) {
                    int min = hor.bounds[2 * x];
                    int n = hor.bounds[2 * x + 1];
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int k = 0; k < n; k++) {
                        ss += in[line + min + k] * hor.fixed[x * hor.size + k];
                    }
                    tmp[y * ow + x] = clip8(ss);
                }
            }
            src = tmp;
            srcW = ow;
            rowOffset = first;
        }
        if (!vertical) {
            return src.length == oh * srcW ? src : java.util.Arrays.copyOf(src, oh * srcW);
        }
        int[] out = new int[oh * srcW];
        for (int y = 0; y < oh; y++) {
            int min = vert.bounds[2 * y] - rowOffset;
            int n = vert.bounds[2 * y + 1];
            for (int x = 0; x < srcW; x++) {
                int ss = 1 << (PRECISION_BITS - 1);
                for (int k = 0; k < n; k++) {
                    ss += src[(min + k) * srcW + x] * vert.fixed[y * vert.size + k];
                }
                out[y * srcW + x] = clip8(ss);
            }
        }
        return out;
    }

    /** Per output position: first source index, tap count, and fixed-point weights. */
    private record Coefficients(int size, int[] bounds, int[] fixed) {
    }

    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        int size = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[outSize * 2];
        int[] fixed = new int[outSize * size];
        double inv = 1.0 / filterScale;
        double[] k = new double[size];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ww = 0.0;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            java.util.Arrays.fill(k, 0.0);
            for (int x = 0; x < xmax; x++) {
                double v = lanczos((x + xmin - center + 0.5) * inv);
                k[x] = v;
                ww += v;
            }
            for (int x = 0; x < xmax; x++) {
                if (ww != 0.0) {
                    k[x] /= ww;
                }
            }
            for (int x = 0; x < size; x++) {
                double v = k[x] * (1 << PRECISION_BITS);
                fixed[xx * size + x] = (int) (v < 0 ? -0.5 + v : 0.5 + v);
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return new Coefficients(size, bounds, fixed);
    }

    private static double lanczos(double x) {
        return -SUPPORT <= x && x < SUPPORT ? sinc(x) * sinc(x / SUPPORT) : 0.0;
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return StrictMath.sin(px) / px;
    }

    private static int clip8(int ss) {
        int v = ss >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** RGBA to Pillow's premultiplied RGBa: c·a/255 rounded with its MULDIV255. */
    private static void premultiply(int[][] p) {
        for (int i = 0; i < p[3].length; i++) {
            int a = p[3][i];
            for (int c = 0; c < 3; c++) {
                int t = p[c][i] * a + 128;
                p[c][i] = ((t >> 8) + t) >> 8;
            }
        }
    }

    /** RGBa back to RGBA: c·255/a (integer division), clipped; untouched where a is 0 or 255. */
    private static void unpremultiply(int[][] p) {
        for (int i = 0; i < p[3].length; i++) {
            int a = p[3][i];
            if (a == 0 || a == 255) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                p[c][i] = Math.min(255, 255 * p[c][i] / a);
            }
        }
    }
}
