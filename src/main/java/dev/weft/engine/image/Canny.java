package dev.weft.engine.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayDeque;

/**
 * The Canny preprocessor as ComfyUI's node runs it: {@code kornia.filters.canny(image, low, high)}
 * with kornia's defaults (5x5 Gaussian, sigma 1, hysteresis on, eps 1e-6), edges repeated to three
 * channels.
 *
 * <p>Steps, per batch item, in float32: grayscale {@code 0.299 R + 0.587 G + 0.114 B} (one-channel
 * input is used as is); separable Gaussian blur with reflect padding (horizontal, then vertical);
 * unnormalised 3x3 Sobel gradients with replicate padding; magnitude {@code sqrt(gx² + gy² + eps)};
 * direction rounded (half to even) to the nearest 45°; non-maximum suppression keeping pixels
 * strictly larger than both neighbours along the gradient (zero outside the image); weak edges
 * (magnitude above {@code low}) and strong edges (above {@code high}); hysteresis keeps strong
 * pixels and weak pixels 8-connected to a strong one through other weak pixels, which is the fixed
 * point kornia's iterated 3x3 neighbourhood test reaches. Output values are 0 or 1.
 *
 * <p>Pure Java maths; the NDArray method must run on the engine thread.
 */
public final class Canny {
    /** Kornia's default Gaussian kernel size. */
    public static final int KERNEL_SIZE = 5;
    /** Kornia's default Gaussian sigma. */
    public static final float SIGMA = 1f;
    /** Kornia's regulariser inside the magnitude's square root. */
    public static final float EPS = 1e-6f;

    private static final float[] SOBEL_X = {-1, 0, 1, -2, 0, 2, -1, 0, 1};
    private static final float[] SOBEL_Y = {-1, -2, -1, 0, 0, 0, 1, 2, 1};
    /** Neighbour offsets (dy, dx) for direction index 0..7: 0°, 45°, ... with y pointing down. */
    private static final int[][] DIRECTIONS = {{0, 1}, {1, 1}, {1, 0}, {1, -1}, {0, -1}, {-1, -1}, {-1, 0}, {-1, 1}};

    private Canny() {
    }

    /**
     * Edge magnitudes after non-maximum suppression and the final edge map, each [N, 1, H, W].
     */
    public record Result(Planes magnitude, Planes edges) {
    }

    /**
     * The Canny node: IMAGE [B, H, W, C] with C = 3 (RGB) or 1 to IMAGE [B, H, W, 3] of 0/1 edges.
     *
     * @param lowThreshold  weak-edge threshold, in (0, 1) and ≤ {@code highThreshold}
     * @param highThreshold strong-edge threshold, in (0, 1)
     */
    public static NDArray detect(NDArray image, double lowThreshold, double highThreshold) {
        Shape s = ImageTensors.requireImage(image);
        Planes chw;
        try (NDArray t = image.transpose(0, 3, 1, 2)) {
            chw = Planes.of(t);
        }
        Planes edges = canny(chw, lowThreshold, highThreshold).edges();
        int n = (int) s.get(0);
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        float[] out = new float[n * h * w * 3];
        for (int i = 0; i < n * h * w; i++) {
            float v = edges.data()[i];
            out[3 * i] = v;
            out[3 * i + 1] = v;
            out[3 * i + 2] = v;
        }
        return image.getManager().create(out, new Shape(n, h, w, 3));
    }

    /** Kornia's canny on [N, C, H, W] values (C = 3 is converted to gray, C = 1 used as is). */
    public static Result canny(Planes input, double lowThreshold, double highThreshold) {
        checkThresholds(lowThreshold, highThreshold);
        if (input.c() != 1 && input.c() != 3) {
            throw new IllegalArgumentException("Canny needs an RGB (3-channel) or gray image, got " + input.c()
                    + " channels (drop the alpha channel first)");
        }
        if (input.h() < 3 || input.w() < 3) {
            throw new IllegalArgumentException("Canny needs an image of at least 3x3 pixels, got " + input.w() + "x"
                    + input.h());
        }
        int n = input.n();
        int h = input.h();
        int w = input.w();
        Planes mags = Planes.zeros(n, 1, h, w);
        Planes edges = Planes.zeros(n, 1, h, w);
        float low = (float) lowThreshold;
        float high = (float) highThreshold;
        for (int item = 0; item < n; item++) {
            float[] gray = gray(input, item);
            float[] blurred = blur(gray, h, w);
            float[] mag = suppressNonMaxima(blurred, h, w);
            System.arraycopy(mag, 0, mags.data(), item * h * w, h * w);
            float[] e = new float[h * w];
            for (int i = 0; i < e.length; i++) {
                e[i] = (mag[i] > low ? 0.5f : 0f) + (mag[i] > high ? 0.5f : 0f);
            }
            float[] kept = hysteresis(e, h, w);
            System.arraycopy(kept, 0, edges.data(), item * h * w, h * w);
        }
        return new Result(mags, edges);
    }

    private static void checkThresholds(double low, double high) {
        if (!(low > 0 && low < 1)) {
            throw new IllegalArgumentException("low_threshold must be between 0 and 1 (exclusive), got " + low);
        }
        if (!(high > 0 && high < 1)) {
            throw new IllegalArgumentException("high_threshold must be between 0 and 1 (exclusive), got " + high);
        }
        if (low > high) {
            throw new IllegalArgumentException("low_threshold (" + low + ") must not exceed high_threshold (" + high
                    + ")");
        }
    }

    private static float[] gray(Planes in, int item) {
        int hw = in.h() * in.w();
        float[] out = new float[hw];
        if (in.c() == 1) {
            System.arraycopy(in.data(), in.plane(item, 0), out, 0, hw);
            return out;
        }
        int r = in.plane(item, 0);
        int g = in.plane(item, 1);
        int b = in.plane(item, 2);
        float[] d = in.data();
        for (int i = 0; i < hw; i++) {
            float v = d[r + i] * 0.299f;
            v = v + d[g + i] * 0.587f;
            out[i] = v + d[b + i] * 0.114f;
        }
        return out;
    }

    /** Kornia's normalised 1-D Gaussian: exp(-x²/(2σ²)) over x = -k/2 .. k/2, divided by its sum. */
    static float[] gaussianKernel() {
        float[] g = new float[KERNEL_SIZE];
        float sum = 0f;
        for (int i = 0; i < KERNEL_SIZE; i++) {
            float x = i - KERNEL_SIZE / 2;
            g[i] = (float) Math.exp(-(x * x) / (2f * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < KERNEL_SIZE; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** Separable Gaussian blur with reflect padding (torch "reflect": no edge repeat). */
    static float[] blur(float[] src, int h, int w) {
        float[] g = gaussianKernel();
        int r = KERNEL_SIZE / 2;
        float[] tmp = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0f;
                for (int k = 0; k < KERNEL_SIZE; k++) {
                    acc += src[y * w + reflect(x + k - r, w)] * g[k];
                }
                tmp[y * w + x] = acc;
            }
        }
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0f;
                for (int k = 0; k < KERNEL_SIZE; k++) {
                    acc += tmp[reflect(y + k - r, h) * w + x] * g[k];
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }

    /** Sobel magnitudes, then zeroes every pixel that is not a strict maximum along its gradient. */
    static float[] suppressNonMaxima(float[] img, int h, int w) {
        float[] mag = new float[h * w];
        int[] dir = new int[h * w];
        float toSteps = (float) (4 / Math.PI);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float gx = 0f;
                float gy = 0f;
                for (int i = 0; i < 3; i++) {
                    int yy = Math.max(0, Math.min(h - 1, y + i - 1));
                    for (int j = 0; j < 3; j++) {
                        float v = img[yy * w + Math.max(0, Math.min(w - 1, x + j - 1))];
                        gx += v * SOBEL_X[3 * i + j];
                        gy += v * SOBEL_Y[3 * i + j];
                    }
                }
                mag[y * w + x] = (float) Math.sqrt(gx * gx + gy * gy + EPS);
                float steps = (float) Math.rint((float) Math.atan2(gy, gx) * toSteps);
                dir[y * w + x] = Math.floorMod((int) steps, 8);
            }
        }
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int[] pos = DIRECTIONS[dir[p]];
                int[] neg = DIRECTIONS[(dir[p] + 4) % 8];
                float m = mag[p];
                float a = m - at(mag, h, w, y + pos[0], x + pos[1]);
                float b = m - at(mag, h, w, y + neg[0], x + neg[1]);
                out[p] = Math.min(a, b) > 0f ? m : 0f;
            }
        }
        return out;
    }

    /**
     * Hysteresis over a map of 0 (none), 0.5 (weak) and 1 (strong): strong pixels and weak pixels
     * reachable from a strong one through 8-connected weak pixels become 1, everything else 0.
     */
    static float[] hysteresis(float[] edges, int h, int w) {
        float[] out = new float[h * w];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int p = 0; p < edges.length; p++) {
            if (edges[p] == 1f) {
                out[p] = 1f;
                queue.add(p);
            }
        }
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int y = p / w;
            int x = p % w;
            for (int[] d : DIRECTIONS) {
                int yy = y + d[0];
                int xx = x + d[1];
                if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                    int q = yy * w + xx;
                    if (edges[q] == 0.5f && out[q] == 0f) {
                        out[q] = 1f;
                        queue.add(q);
                    }
                }
            }
        }
        return out;
    }

    private static float at(float[] a, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0f : a[y * w + x];
    }

    private static int reflect(int i, int n) {
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * (n - 1) - i : i;
    }
}
