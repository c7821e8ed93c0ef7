package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Linear multistep (order 4): the derivative history integrated against Lagrange polynomials in
 * sigma. ComfyUI integrates each coefficient with scipy's {@code quad}; the integrand is a
 * polynomial of degree below 4, which quad's 21-point Gauss-Kronrod rule integrates exactly, so
 * this computes the same integral with an exact Gauss-Legendre rule in double precision.
 */
final class Lms implements Sampler {
    private static final int ORDER = 4;
    /** 4-point Gauss-Legendre nodes and weights on [-1, 1]: exact up to degree 7. */
    private static final double[] NODES = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563,
        0.8611363115940526};
    private static final double[] WEIGHTS = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461,
        0.3478548451374538};

    @Override
    public String name() {
        return "lms";
    }

    @Override
    public NDArray sample(SamplingContext ctx, NDArray start) {
        float[] s = ctx.sigmas();
        Deque<NDArray> ds = new ArrayDeque<>();
        return StepLoop.run(ctx, start, new StepLoop.Rule() {
            @Override
            public NDArray next(int i, NDArray x, NDArray denoised) {
                ds.addLast(Steps.toD(x, s[i], denoised));
                if (ds.size() > ORDER) {
                    ds.removeFirst();
                }
                if (s[i + 1] == 0f) {
                    return denoised;
                }
                int order = Math.min(i + 1, ORDER);
                NDArray sum = null;
                Iterator<NDArray> newestFirst = ds.descendingIterator();
                for (int j = 0; j < order; j++) {
                    NDArray term = newestFirst.next().mul((float) coefficient(order, s, i, j));
                    sum = sum == null ? term : sum.add(term);
                }
                return x.add(sum);
            }

            @Override
            public List<NDArray> history() {
                return new ArrayList<>(ds);
            }
        });
    }

    /**
     * {@code integral over [t_i, t_{i+1}] of prod_{k != j} (tau - t_{i-k}) / (t_{i-j} - t_{i-k})}
     * with the sigmas as float64 (as numpy sees them).
     */
    static double coefficient(int order, float[] t, int i, int j) {
        double a = t[i];
        double b = t[i + 1];
        double half = 0.5 * (b - a);
        double mid = 0.5 * (a + b);
        double sum = 0;
        for (int q = 0; q < NODES.length; q++) {
            double tau = mid + half * NODES[q];
            double prod = 1.0;
            for (int k = 0; k < order; k++) {
                if (k != j) {
                    prod *= (tau - t[i - k]) / ((double) t[i - j] - t[i - k]);
                }
            }
            sum += WEIGHTS[q] * prod;
        }
        return sum * half;
    }
}
