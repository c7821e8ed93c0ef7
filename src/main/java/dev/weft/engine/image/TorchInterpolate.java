package dev.weft.engine.image;

/**
 * {@code torch.nn.functional.interpolate(x, size=(h, w), mode=...)} for 4-D float tensors with
 * align_corners=False and no antialiasing, as PyTorch's CPU kernels compute it: per-axis source
 * indices and weights in float32 with the same formulas and clamping, then the height-outer,
 * width-inner weighted sums in the same order, so results agree to float rounding.
 *
 * <p>Pure Java; thread-safe.
 */
final class TorchInterpolate {
    private TorchInterpolate() {
    }

    /** Mode "nearest-exact": source index {@code min(floor((i + 0.5) · in/out), in - 1)}. */
    static Planes nearestExact(Planes in, int oh, int ow) {
        int[] ys = nearestExactIndices(in.h(), oh);
        int[] xs = nearestExactIndices(in.w(), ow);
        Planes out = Planes.zeros(in.n(), in.c(), oh, ow);
        float[] src = in.data();
        float[] dst = out.data();
        for (int p = 0; p < in.n() * in.c(); p++) {
            int sp = p * in.h() * in.w();
            int dp = p * oh * ow;
            for (int y = 0; y < oh; y++) {
                int row = sp + ys[y] * in.w();
                for (int x = 0; x < ow; x++) {
                    dst[dp + y * ow + x] = src[row + xs[x]];
                }
            }
        }
        return out;
    }

    /** Mode "bilinear". */
    static Planes bilinear(Planes in, int oh, int ow) {
        return separable(in, linear(in.h(), oh), linear(in.w(), ow), oh, ow);
    }

    /** Mode "bicubic" with A = -0.75; edge pixels repeat; results are not clamped. */
    static Planes bicubic(Planes in, int oh, int ow) {
        return separable(in, cubic(in.h(), oh), cubic(in.w(), ow), oh, ow);
    }

    /** Mode "area": adaptive average pooling over windows [floor(i·in/out), ceil((i+1)·in/out)). */
    static Planes area(Planes in, int oh, int ow) {
        Planes out = Planes.zeros(in.n(), in.c(), oh, ow);
        float[] src = in.data();
        float[] dst = out.data();
        int h = in.h();
        int w = in.w();
        for (int p = 0; p < in.n() * in.c(); p++) {
            int sp = p * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = startIndex(oy, oh, h);
                int y1 = endIndex(oy, oh, h);
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = startIndex(ox, ow, w);
                    int x1 = endIndex(ox, ow, w);
                    float sum = 0f;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            sum += src[sp + y * w + x];
                        }
                    }
                    dst[(p * oh + oy) * ow + ox] = sum / (y1 - y0) / (x1 - x0);
                }
            }
        }
        return out;
    }

    static int startIndex(int a, int b, int c) {
        return (int) ((long) a / b * c + (long) a % b * c / b);
    }

    static int endIndex(int a, int b, int c) {
        return (int) (1 + ((long) (a + 1) * c - 1) / b);
    }

    static int[] nearestExactIndices(int in, int out) {
        float scale = (float) in / out;
        int[] idx = new int[out];
        for (int i = 0; i < out; i++) {
            // (i + 0.5) * scale is evaluated in double, then narrowed to float for floorf.
            float f = (float) ((i + 0.5) * scale);
            idx[i] = Math.min((int) Math.floor(f), in - 1);
        }
        return idx;
    }

    /** Source indices and weights along one axis: {@code taps} entries per output position. */
    record Axis(int taps, int[] index, float[] weight) {
    }

    /** Linear taps; equal sizes copy. */
    static Axis linear(int in, int out) {
        int[] idx = new int[out * 2];
        float[] wt = new float[out * 2];
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            if (in == out) {
                idx[2 * i] = i;
                idx[2 * i + 1] = i;
                wt[2 * i] = 1f;
                continue;
            }
            float real = scale * (i + 0.5f) - 0.5f;
            if (real < 0f) {
                real = 0f;
            }
            int i0 = (int) Math.min((long) real, in - 1);
            int i1 = i0 + (i0 < in - 1 ? 1 : 0);
            float l1 = Math.min(Math.max(real - i0, 0f), 1f);
            idx[2 * i] = i0;
            idx[2 * i + 1] = i1;
            wt[2 * i] = 1f - l1;
            wt[2 * i + 1] = l1;
        }
        return new Axis(2, idx, wt);
    }

    /** Cubic-convolution taps (A = -0.75) at indices floor(x)-1 .. floor(x)+2, clamped to the edge. */
    static Axis cubic(int in, int out) {
        int[] idx = new int[out * 4];
        float[] wt = new float[out * 4];
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            float real = scale * (i + 0.5f) - 0.5f;
            int index = (int) Math.min((long) Math.floor(real), in - 1);
            float t = Math.min(Math.max(real - index, 0f), 1f);
            float[] c = cubicCoefficients(t);
            for (int j = 0; j < 4; j++) {
                idx[4 * i + j] = Math.max(Math.min(index + j - 1, in - 1), 0);
                wt[4 * i + j] = c[j];
            }
        }
        return new Axis(4, idx, wt);
    }

    static float[] cubicCoefficients(float t) {
        float a = -0.75f;
        float x2 = 1f - t;
        return new float[] {conv2(t + 1f, a), conv1(t, a), conv1(x2, a), conv2(x2 + 1f, a)};
    }

    private static float conv1(float x, float a) {
        return ((a + 2f) * x - (a + 3f)) * x * x + 1f;
    }

    private static float conv2(float x, float a) {
        return ((a * x - 5f * a) * x + 8f * a) * x - 4f * a;
    }

    /** out[y][x] = Σ_i (Σ_j in[ys_i][xs_j] · wx_j) · wy_i, accumulated in that order in float. */
    private static Planes separable(Planes in, Axis ya, Axis xa, int oh, int ow) {
        Planes out = Planes.zeros(in.n(), in.c(), oh, ow);
        float[] src = in.data();
        float[] dst = out.data();
        int w = in.w();
        for (int p = 0; p < in.n() * in.c(); p++) {
            int sp = p * in.h() * w;
            int dp = p * oh * ow;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float acc = 0f;
                    for (int i = 0; i < ya.taps(); i++) {
                        int row = sp + ya.index()[y * ya.taps() + i] * w;
                        float t = 0f;
                        for (int j = 0; j < xa.taps(); j++) {
                            float v = src[row + xa.index()[x * xa.taps() + j]] * xa.weight()[x * xa.taps() + j];
                            t = j == 0 ? v : t + v;
                        }
                        float v = t * ya.weight()[y * ya.taps() + i];
                        acc = i == 0 ? v : acc + v;
                    }
                    dst[dp + y * ow + x] = acc;
                }
            }
        }
        return out;
    }
}
