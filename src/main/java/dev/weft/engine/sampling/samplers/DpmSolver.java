package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;

/**
 * DPM-Solver in noise-prediction form (Lu et al. 2022, arXiv 2206.00927) on
 * {@code t = -log sigma}: dpm_fast (fixed steps of orders 3, 3, ..., chosen so the number of
 * model calls equals the KSampler step count) and dpm_adaptive (embedded 2/3 pair with a PID step
 * size controller; it ignores the schedule between its first and last sigma). Both run from the
 * first sigma to the last non-zero one, with ComfyUI's defaults ({@code eta = 0}); the noise
 * source is still called where ComfyUI calls it, and the draw multiplied by zero.
 */
@SuppressWarnings("try")
final class DpmSolver {
    private final SamplingContext ctx;

    private DpmSolver(SamplingContext ctx) {
        this.ctx = ctx;
    }

    private static float sigma(float t) {
        return F32.exp(-t);
    }

    private static float t(float sigma) {
        return -F32.log(sigma);
    }

    /** Noise prediction at t: {@code (x - D(x, sigma(t))) / sigma(t)}. */
    private NDArray eps(NDArray x, float t) {
        float sig = sigma(t);
        return x.sub(ctx.denoise(x, sig)).div(sig);
    }

    private NDArray step1(NDArray x, float t, float tNext, NDArray eps) {
        float h = tNext - t;
        return x.sub(eps.mul(sigma(tNext) * F32.expm1(h)));
    }

    /** Second-order step; returns {x_2, eps_r1}. */
    private NDArray[] step2(NDArray x, float t, float tNext, float r1, NDArray eps) {
        float h = tNext - t;
        float s1 = t + r1 * h;
        NDArray u1 = x.sub(eps.mul(sigma(s1) * F32.expm1(r1 * h)));
        NDArray epsR1 = eps(u1, s1);
        NDArray x2 = x.sub(eps.mul(sigma(tNext) * F32.expm1(h)))
                .sub(epsR1.sub(eps).mul(sigma(tNext) / (2 * r1) * F32.expm1(h)));
        return new NDArray[] {x2, epsR1};
    }

    /** Third-order step reusing eps_r1 when given (the adaptive pair shares it). */
    private NDArray step3(NDArray x, float t, float tNext, NDArray eps, NDArray cachedEpsR1) {
        float r1 = 1f / 3f;
        float r2 = 2f / 3f;
        float h = tNext - t;
        float s1 = t + r1 * h;
        float s2 = t + r2 * h;
        NDArray epsR1 = cachedEpsR1;
        if (epsR1 == null) {
            NDArray u1 = x.sub(eps.mul(sigma(s1) * F32.expm1(r1 * h)));
            epsR1 = eps(u1, s1);
        }
        float r2h = r2 * h;
        NDArray u2 = x.sub(eps.mul(sigma(s2) * F32.expm1(r2h)))
                .sub(epsR1.sub(eps).mul(sigma(s2) * (r2 / r1) * (F32.expm1(r2h) / r2h - 1f)));
        NDArray epsR2 = eps(u2, s2);
        return x.sub(eps.mul(sigma(tNext) * F32.expm1(h)))
                .sub(epsR2.sub(eps).mul(sigma(tNext) / r2 * (F32.expm1(h) / h - 1f)));
    }

    /** The smallest sigma dpm_fast/dpm_adaptive run to: the last one, or the one before a final 0. */
    private static float sigmaMin(float[] s) {
        return s[s.length - 1] == 0f ? s[s.length - 2] : s[s.length - 1];
    }

    /** dpm_fast: {@code n = len(sigmas) - 1} model calls in fixed steps. */
    static final class Fast implements Sampler {
        @Override
        public String name() {
            return "dpm_fast";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray start) {
            float[] s = ctx.sigmas();
            if (s.length <= 1) {
                return start;
            }
            int nfe = s.length - 1;
            DpmSolver solver = new DpmSolver(ctx);
            int m = nfe / 3 + 1;
            float[] ts = F32.linspace(t(s[0]), t(sigmaMin(s)), m + 1);
            int[] orders = new int[m];
            for (int k = 0; k < orders.length; k++) {
                orders[k] = 3;
            }
            if (nfe % 3 == 0) {
                orders[m - 2] = 2;
                orders[m - 1] = 1;
            } else {
                orders[m - 1] = nfe % 3;
            }
            return StepLoop.steps(ctx, start, orders.length, (i, x) -> {
                float t = ts[i];
                float tNext = ts[i + 1];
                NDArray eps = solver.eps(x, t);
                NDArray denoised = x.sub(eps.mul(sigma(t)));
                ctx.report(i, sigma(t), x, denoised);
                NDArray next;
                if (orders[i] == 1) {
                    next = solver.step1(x, t, tNext, eps);
                } else if (orders[i] == 2) {
                    next = solver.step2(x, t, tNext, 0.5f, eps)[0];
                } else {
                    next = solver.step3(x, t, tNext, eps, null);
                }
                // eta = 0: ComfyUI still draws, then multiplies by su = 0.
                ctx.drawNoise(next, sigma(t), sigma(tNext));
                return next;
            });
        }
    }

    /** dpm_adaptive: order 3 with an order-2 error estimate, rtol 0.05, atol 0.0078, h_init 0.05. */
    static final class Adaptive implements Sampler {
        private static final float RTOL = 0.05f;
        private static final float ATOL = 0.0078f;
        private static final double ACCEPT_SAFETY = 0.81;

        @Override
        public String name() {
            return "dpm_adaptive";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray x) {
            float[] s = ctx.sigmas();
            if (s.length <= 1) {
                return x;
            }
            DpmSolver solver = new DpmSolver(ctx);
            float tStart = t(s[0]);
            float tEnd = t(sigmaMin(s));
            float pos = tStart;
            double h = 0.05;
            // PID controller with pcoeff = dcoeff = 0, icoeff = 1, order 3: only the newest error counts.
            double exponent = 1.0 / 3.0;
            NDArray xPrev = x;
            int steps = 0;
            try (Carry carry = new Carry(x)) {
                while (pos < tEnd - 1e-5f) {
                    ctx.checkCancelled(steps);
                    try (NDScope scope = new NDScope()) {
                        float t = Math.min(tEnd, pos + (float) h);
                        NDArray eps = solver.eps(x, pos);
                        NDArray denoised = x.sub(eps.mul(sigma(pos)));
                        NDArray[] low = solver.step2(x, pos, t, 1f / 3f, eps);
                        NDArray xLow = low[0];
                        NDArray xHigh = solver.step3(x, pos, t, eps, low[1]);
                        NDArray delta = xLow.abs().maximum(xPrev.abs()).mul(RTOL).maximum(ATOL);
                        NDArray ratio = xLow.sub(xHigh).div(delta);
                        float norm = F32.sqrt(ratio.square().sum().getFloat());
                        float error = norm / (float) Math.sqrt(x.size());
                        double inv = 1.0 / (error + 1e-8);
                        double factor = 1 + Math.atan(Math.pow(inv, exponent) - 1);
                        boolean accept = factor >= ACCEPT_SAFETY;
                        h *= factor;
                        if (accept) {
                            xPrev = xLow;
                            ctx.drawNoise(x, sigma(pos), sigma(t));
                            x = xHigh;
                            pos = t;
                        }
                        steps++;
                        ctx.report(steps - 1, sigma(pos), x, denoised);
                        carry.retain(x, xPrev);
                    }
                }
                return carry.release(x);
            }
        }
    }
}
