package dev.weft.engine.sampling.samplers;

import dev.weft.engine.sampling.F32;

/**
 * DEIS "tab" coefficients (Zhang and Chen 2022, as in ComfyUI's {@code deis.py}): the sampler's
 * sigmas are mapped to the time axis of a VP schedule fitted to sigma in [0.002, 80] (EDM's
 * range, whatever the model), and each multistep coefficient is the Riemann sum over 10,000
 * points of the exponential-integrator weight times a Lagrange basis polynomial. Computed in
 * float32 element by element as ComfyUI does; the schedule fit cancels digits, so double
 * precision would give visibly different coefficients.
 */
final class DeisCoefficients {
    private static final int POINTS = 10000;
    private static final float EPSILON_S = 1e-3f;

    private DeisCoefficients() {
    }

    /**
     * @param sigmas   the sampler's sigmas
     * @param maxOrder highest order used
     * @return per step i, the coefficients for the current derivative and then the older ones
     *         (empty for first-order steps)
     */
    static float[][] tab(float[] sigmas, int maxOrder) {
        float sigmaMin = 0.002f;
        float sigmaMax = 80f;
        float logMin = F32.log(sigmaMin * sigmaMin + 1f);
        float logMax = F32.log(sigmaMax * sigmaMax + 1f);
        float betaD = 2f * (logMin / EPSILON_S - logMax) / (float) (1e-3 - 1);
        float beta0 = logMax - 0.5f * betaD;
        float beta1 = betaD + beta0;

        float[] t = new float[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) {
            float logTerm = F32.log(sigmas[i] * sigmas[i] + 1f);
            t[i] = (F32.sqrt(beta0 * beta0 + 2f * betaD * logTerm) - beta0) / betaD;
        }

        float[][] out = new float[sigmas.length - 1][];
        for (int i = 0; i < sigmas.length - 1; i++) {
            int order = Math.min(i + 1, maxOrder);
            if (order == 1) {
                out[i] = new float[0];
                continue;
            }
            float[] taus = F32.linspace(t[i], t[i + 1], POINTS);
            float dtau = (t[i + 1] - t[i]) / POINTS;
            float[] integrand = integrand(beta0, beta1, taus);
            float[] prev = new float[order];
            for (int k = 0; k < order; k++) {
                prev[k] = t[i - k];
            }
            out[i] = new float[order];
            for (int j = 0; j < order; j++) {
                double sum = 0;
                for (int p = 0; p < POINTS; p++) {
                    float poly = 1f;
                    for (int k = 0; k < order; k++) {
                        if (k != j) {
                            poly *= (taus[p] - prev[k]) / (prev[j] - prev[k]);
                        }
                    }
                    sum += integrand[p] * poly;
                }
                out[i][j] = (float) sum * dtau;
            }
        }
        return out;
    }

    /**
     * {@code -0.5 * d log(alpha)/dtau / sqrt(alpha (1 - alpha))} with
     * {@code alpha = exp(-tau^2 (b1 - b0) / 2 - tau b0)}, the derivative formed the way autograd
     * forms it.
     */
    private static float[] integrand(float beta0, float beta1, float[] taus) {
        float[] out = new float[taus.length];
        float span = beta1 - beta0;
        for (int p = 0; p < taus.length; p++) {
            float tau = taus[p];
            float alpha = F32.exp(-0.5f * (tau * tau) * span - tau * beta0);
            float g = (1f / alpha) * alpha;
            float dA = g * span * -0.5f * (2f * tau);
            float dB = -g * beta0;
            float dLogAlpha = dA + dB;
            out[p] = -0.5f * dLogAlpha / F32.sqrt(alpha * (1f - alpha));
        }
        return out;
    }
}
