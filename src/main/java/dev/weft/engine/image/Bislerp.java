package dev.weft.engine.image;

/**
 * ComfyUI's {@code comfy.utils.bislerp}: bilinear resampling where each output channel vector is
 * the spherical interpolation of its two neighbours' vectors (directions slerped, lengths
 * interpolated linearly), first along the width, then along the height. Used by LatentUpscale.
 *
 * <p>Neighbour indices and ratios come from torch's bilinear interpolation of the index ramp, as
 * in the reference. Edge rules: nearly parallel vectors (cosine above 1 - 1e-5) take the first
 * vector; nearly opposite ones (below 1e-5 - 1) are interpolated linearly; zero vectors have zero
 * direction. Float32 arithmetic; pure Java, thread-safe.
 */
final class Bislerp {
    private static final float PARALLEL = (float) (1 - 1e-5);
    private static final float OPPOSITE = (float) (1e-5 - 1);

    private Bislerp() {
    }

    static Planes resize(Planes in, int oh, int ow) {
        Planes wide = alongWidth(in, ow);
        return transposeHw(alongWidth(transposeHw(wide), oh));
    }

    /** Slerps along the last axis to {@code ow} columns. */
    private static Planes alongWidth(Planes in, int ow) {
        int n = in.n();
        int c = in.c();
        int h = in.h();
        int w = in.w();
        Neighbours nb = neighbours(w, ow);
        Planes out = Planes.zeros(n, c, h, ow);
        float[] a = new float[c];
        float[] b = new float[c];
        float[] r = new float[c];
        for (int item = 0; item < n; item++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < ow; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        int row = in.plane(item, ch) + y * w;
                        a[ch] = in.data()[row + nb.first[x]];
                        b[ch] = in.data()[row + nb.second[x]];
                    }
                    slerp(a, b, nb.ratio[x], r);
                    for (int ch = 0; ch < c; ch++) {
                        out.data()[out.plane(item, ch) + y * ow + x] = r[ch];
                    }
                }
            }
        }
        return out;
    }

    /** The two source columns and the ratio for each output column. */
    private record Neighbours(int[] first, int[] second, float[] ratio) {
    }

    /**
     * The reference interpolates the ramps [0, 1, ..., n-1] and [1, 2, ..., n-1, n-1] bilinearly
     * to the new length; the first ramp's integer part and fraction are the first neighbour and the
     * ratio, the second ramp's integer part the second neighbour.
     */
    private static Neighbours neighbours(int in, int out) {
        TorchInterpolate.Axis axis = TorchInterpolate.linear(in, out);
        int[] first = new int[out];
        int[] second = new int[out];
        float[] ratio = new float[out];
        for (int i = 0; i < out; i++) {
            int i0 = axis.index()[2 * i];
            int i1 = axis.index()[2 * i + 1];
            float w0 = axis.weight()[2 * i];
            float w1 = axis.weight()[2 * i + 1];
            float c1 = i0 * w0 + i1 * w1;
            float c2 = ramp2(i0, in) * w0 + ramp2(i1, in) * w1;
            ratio[i] = c1 - (float) Math.floor(c1);
            first[i] = (int) c1;
            second[i] = (int) c2;
        }
        return new Neighbours(first, second, ratio);
    }

    private static float ramp2(int i, int n) {
        return i == n - 1 ? n - 1 : i + 1;
    }

    /** The reference's slerp of two channel vectors at ratio {@code t}, into {@code out}. */
    static void slerp(float[] a, float[] b, float t, float[] out) {
        int c = a.length;
        float na = norm(a);
        float nb = norm(b);
        float dot = 0f;
        for (int i = 0; i < c; i++) {
            float ua = na == 0f ? 0f : a[i] / na;
            float ub = nb == 0f ? 0f : b[i] / nb;
            dot += ua * ub;
        }
        if (dot > PARALLEL) {
            System.arraycopy(a, 0, out, 0, c);
            return;
        }
        float s = 1f - t;
        if (dot < OPPOSITE) {
            for (int i = 0; i < c; i++) {
                out[i] = a[i] * s + b[i] * t;
            }
            return;
        }
        float omega = (float) Math.acos(dot);
        float so = (float) Math.sin(omega);
        float ka = (float) Math.sin(s * omega) / so;
        float kb = (float) Math.sin(t * omega) / so;
        float len = na * s + nb * t;
        for (int i = 0; i < c; i++) {
            float ua = na == 0f ? 0f : a[i] / na;
            float ub = nb == 0f ? 0f : b[i] / nb;
            out[i] = (ka * ua + kb * ub) * len;
        }
    }

    private static float norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return (float) Math.sqrt(s);
    }

    private static Planes transposeHw(Planes in) {
        Planes out = Planes.zeros(in.n(), in.c(), in.w(), in.h());
        for (int p = 0; p < in.n() * in.c(); p++) {
            int base = p * in.h() * in.w();
            for (int y = 0; y < in.h(); y++) {
                for (int x = 0; x < in.w(); x++) {
                    out.data()[base + x * in.h() + y] = in.data()[base + y * in.w() + x];
                }
            }
        }
        return out;
    }
}
