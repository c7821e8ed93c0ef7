package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * SA-Solver, the stochastic Adams predictor-corrector of Xue et al. (NeurIPS 2023, arXiv
 * 2309.05019) in data-prediction form, with ComfyUI's defaults: predictor order 3, corrector
 * order 4, stochasticity tau = 1 for sigmas between {@code percent_to_sigma(0.8)} and
 * {@code percent_to_sigma(0.2)} and 0 elsewhere, lower orders near the end. The PECE variant
 * re-evaluates the model on every corrected state.
 */
final class SaSolver implements Sampler {
    private static final int PREDICTOR_ORDER = 3;
    private static final int CORRECTOR_ORDER = 4;

    private final boolean pece;

    SaSolver(boolean pece) {
        this.pece = pece;
    }

    @Override
    public String name() {
        return pece ? "sa_solver_pece" : "sa_solver";
    }

    @Override
    public NDArray sample(SamplingContext ctx, NDArray start) {
        float[] s = ctx.sigmas();
        if (s.length <= 1) {
            return start;
        }
        float[] lambdas = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            lambdas[i] = -F32.log(s[i]);
        }
        double startSigma = (float) ctx.modelSampling().percentToSigma(0.2);
        double endSigma = (float) ctx.modelSampling().percentToSigma(0.8);
        int maxUsed = Math.max(PREDICTOR_ORDER, CORRECTOR_ORDER);
        boolean lowerOrderToEnd = s[s.length - 1] == 0f;

        // The loop's state is the corrected x; the model is evaluated on the predicted one.
        return StepLoop.steps(ctx, start, ctx.steps(), new StepLoop.Step() {
            private final List<NDArray> preds = new ArrayList<>();
            private NDArray xPred = start;
            private NDArray noise;
            private float h;
            private float tau;

            @Override
            public NDArray next(int i, NDArray x) {
                NDArray denoised = ctx.denoise(xPred, s[i]);
                ctx.report(i, s[i], xPred, denoised);
                preds.add(denoised);
                while (preds.size() > maxUsed) {
                    preds.remove(0);
                }
                int predictorOrder = Math.min(PREDICTOR_ORDER, preds.size());
                int correctorOrder = i == 0 || (s[i + 1] == 0f && !pece) ? 0
                        : Math.min(CORRECTOR_ORDER, preds.size());
                if (lowerOrderToEnd) {
                    predictorOrder = Math.min(predictorOrder, s.length - 2 - i);
                    correctorOrder = Math.min(correctorOrder, s.length - 1 - i);
                }

                if (correctorOrder == 0) {
                    x = xPred;
                } else {
                    double[] b = bCoefficients(s[i], lambdas, i - correctorOrder + 1, correctorOrder,
                            lambdas[i - 1], lambdas[i], tau);
                    NDArray corr = combine(preds, b);
                    x = x.mul(s[i] / s[i - 1] * F32.exp(-(tau * tau) * h)).add(corr);
                    if (tau > 0f) {
                        x = x.add(noise);
                    }
                    if (pece) {
                        denoised = ctx.denoise(x, s[i]);
                        preds.set(preds.size() - 1, denoised);
                    }
                }

                if (s[i + 1] == 0f) {
                    return denoised;
                }
                tau = startSigma >= s[i + 1] && s[i + 1] >= endSigma ? 1f : 0f;
                double[] b = bCoefficients(s[i + 1], lambdas, i - predictorOrder + 1, predictorOrder,
                        lambdas[i], lambdas[i + 1], tau);
                NDArray predRes = combine(preds, b);
                h = lambdas[i + 1] - lambdas[i];
                xPred = x.mul(s[i + 1] / s[i] * F32.exp(-(tau * tau) * h)).add(predRes);
                if (tau > 0f) {
                    float amp = F32.sqrt(-F32.expm1(-2 * (tau * tau) * h));
                    noise = ctx.drawNoise(x, s[i], s[i + 1]).mul(s[i + 1]).mul(amp);
                    xPred = xPred.add(noise);
                }
                return x;
            }

            @Override
            public List<NDArray> history() {
                List<NDArray> kept = new ArrayList<>(preds);
                kept.add(xPred);
                kept.add(noise);
                return kept;
            }
        });
    }

    /** {@code sum_k preds[-n + k] * b[k]} over the newest {@code n = b.length} predictions. */
    private static NDArray combine(List<NDArray> preds, double[] b) {
        int n = b.length;
        NDArray sum = null;
        for (int k = 0; k < n; k++) {
            NDArray term = preds.get(preds.size() - n + k).mul((float) b[k]);
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    /**
     * The stochastic Adams coefficients b_k (eqs. 15 and 18 of the paper): integrals of the
     * Lagrange basis on {@code lambdas[from .. from+n-1]} against the exponential weight over
     * [lambdaS, lambdaT], times {@code alpha_t = sigmaNext * exp(lambdaT)}.
     */
    static double[] bCoefficients(float sigmaNext, float[] lambdas, int from, int n, float lambdaS, float lambdaT,
                                  float tau) {
        double[] expCoeffs = exponentialCoefficients(lambdaS, lambdaT, n, tau);
        // Vandermonde transposed: row j holds lambda_i^j.
        double[][] a = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                a[j][i] = Math.pow(lambdas[from + i], j);
            }
        }
        double[] lagrange = LinearSolve.solve(a, expCoeffs);
        double alphaT = (double) sigmaNext * Math.exp(lambdaT);
        for (int k = 0; k < n; k++) {
            lagrange[k] *= alphaT;
        }
        return lagrange;
    }

    /**
     * {@code (1 + tau^2) * integral over [s, t] of exp((1 + tau^2) x) x^p dx}, with
     * {@code exp((1 + tau^2) t)} factored out, for p = 0..n-1 (integration by parts).
     */
    private static double[] exponentialCoefficients(double s, double t, int n, double tau) {
        double tauMul = 1 + tau * tau;
        double h = t - s;
        double decay = Math.exp(-tauMul * h);
        double[] product = new double[n];
        for (int p = 0; p < n; p++) {
            product[p] = Math.pow(t, p) - Math.pow(s, p) * decay;
        }
        double[] out = new double[n];
        for (int p = 0; p < n; p++) {
            double sum = 0;
            double factor = 1;
            for (int q = p; q >= 0; q--) {
                // factor = (-1)^(p-q) p!/q! / tauMul^(p-q)
                sum += factor * product[q];
                factor *= -q / tauMul;
            }
            out[p] = sum;
        }
        return out;
    }
}
