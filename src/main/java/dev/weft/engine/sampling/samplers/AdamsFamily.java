package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Adams-Bashforth style multistep samplers on the derivative history (from zju-pi's
 * diff-solvers, as ported to ComfyUI): ipndm (fixed coefficients, up to order 4), ipndm_v
 * (coefficients for variable step sizes) and deis (coefficients integrated on the VP time axis,
 * order 3). Like ComfyUI they report the <em>initial</em> x to the step listener every step.
 */
final class AdamsFamily {
    private AdamsFamily() {
    }

    /** Coefficients of one step: {@code x_next = x + sum_k c[k] * history_k}, newest first. */
    private interface StepRule {
        /**
         * @param history derivatives, newest first: d_cur, then the buffer from the newest
         * @return x_next
         */
        NDArray next(NDArray x, List<NDArray> history, int order, float[] t, int i);
    }

    private static NDArray run(SamplingContext ctx, NDArray initial, int maxOrder, StepRule rule,
                               boolean zeroEndsAtOrder1) {
        float[] s = ctx.sigmas();
        List<NDArray> buffer = new ArrayList<>();
        return StepLoop.steps(ctx, initial, ctx.steps(), new StepLoop.Step() {
            @Override
            public NDArray next(int i, NDArray x) {
                NDArray denoised = ctx.denoise(x, s[i]);
                ctx.report(i, s[i], initial, denoised);
                NDArray dCur = x.sub(denoised).div(s[i]);
                int order = Math.min(maxOrder, i + 1);
                float tNext = s[i + 1];
                if (zeroEndsAtOrder1 && tNext <= 0f) {
                    order = 1;
                }
                if (!zeroEndsAtOrder1 && tNext == 0f) {
                    x = denoised;
                } else if (order == 1) {
                    x = x.add(dCur.mul(tNext - s[i]));
                } else {
                    List<NDArray> newestFirst = new ArrayList<>();
                    newestFirst.add(dCur);
                    for (int k = buffer.size() - 1; k >= 0; k--) {
                        newestFirst.add(buffer.get(k));
                    }
                    x = rule.next(x, newestFirst, order, s, i);
                }
                if (buffer.size() == maxOrder - 1) {
                    buffer.remove(0);
                }
                buffer.add(dCur);
                return x;
            }

            @Override
            public List<NDArray> history() {
                return buffer;
            }
        });
    }

    /** ipndm: Adams-Bashforth with the fixed-step coefficients, max order 4. */
    static final class Ipndm implements Sampler {
        @Override
        public String name() {
            return "ipndm";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray x) {
            return run(ctx, x, 4, (xc, d, order, t, i) -> {
                float dt = t[i + 1] - t[i];
                NDArray combo;
                float div;
                if (order == 2) {
                    combo = d.get(0).mul(3f).sub(d.get(1));
                    div = 2f;
                } else if (order == 3) {
                    combo = d.get(0).mul(23f).sub(d.get(1).mul(16f)).add(d.get(2).mul(5f));
                    div = 12f;
                } else {
                    combo = d.get(0).mul(55f).sub(d.get(1).mul(59f)).add(d.get(2).mul(37f)).sub(d.get(3).mul(9f));
                    div = 24f;
                }
                return xc.add(combo.mul(dt).div(div));
            }, false);
        }
    }

    /** ipndm_v: Adams-Bashforth coefficients for the actual (variable) step sizes, max order 4. */
    static final class IpndmV implements Sampler {
        @Override
        public String name() {
            return "ipndm_v";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray x) {
            return run(ctx, x, 4, (xc, d, order, t, i) -> {
                float[] c = variableCoefficients(order, t, i);
                NDArray combo = d.get(0).mul(c[0]);
                for (int k = 1; k < order; k++) {
                    combo = combo.add(d.get(k).mul(c[k]));
                }
                return xc.add(combo.mul(t[i + 1] - t[i]));
            }, false);
        }

        /** ipndm_v's coefficients for orders 2 to 4 (float32 as ComfyUI computes them). */
        static float[] variableCoefficients(int order, float[] t, int i) {
            float hn = t[i + 1] - t[i];
            float hn1 = t[i] - t[i - 1];
            if (order == 2) {
                return new float[] {(2 + (hn / hn1)) / 2, -(hn / hn1) / 2};
            }
            float hn2 = t[i - 1] - t[i - 2];
            float temp1 = (1 - hn / (3 * (hn + hn1)) * (hn * (hn + hn1)) / (hn1 * (hn1 + hn2))) / 2;
            if (order == 3) {
                return new float[] {
                    (2 + (hn / hn1)) / 2 + temp1,
                    -(hn / hn1) / 2 - (1 + hn1 / hn2) * temp1,
                    temp1 * hn1 / hn2};
            }
            float hn3 = t[i - 2] - t[i - 3];
            float temp2 = ((1 - hn / (3 * (hn + hn1))) / 2 + (1 - hn / (2 * (hn + hn1))) * hn / (6 * (hn + hn1 + hn2)))
                    * (hn * (hn + hn1) * (hn + hn1 + hn2)) / (hn1 * (hn1 + hn2) * (hn1 + hn2 + hn3));
            float q = hn1 * (hn1 + hn2) / (hn2 * (hn2 + hn3));
            return new float[] {
                (2 + (hn / hn1)) / 2 + temp1 + temp2,
                -(hn / hn1) / 2 - (1 + hn1 / hn2) * temp1 - (1 + (hn1 / hn2) + q) * temp2,
                temp1 * hn1 / hn2 + ((hn1 / hn2) + q * (1 + hn2 / hn3)) * temp2,
                -temp2 * q * hn1 / hn2};
        }
    }

    /** DEIS ("tab" mode), max order 3; the last step (to sigma 0) is Euler. */
    static final class Deis implements Sampler {
        @Override
        public String name() {
            return "deis";
        }

        @Override
        public NDArray sample(SamplingContext ctx, NDArray x) {
            float[][] coeffs = DeisCoefficients.tab(ctx.sigmas(), 3);
            return run(ctx, x, 3, (xc, d, order, t, i) -> {
                NDArray out = xc;
                for (int k = 0; k < order; k++) {
                    out = out.add(d.get(k).mul(coeffs[i][k]));
                }
                return out;
            }, true);
        }
    }
}
