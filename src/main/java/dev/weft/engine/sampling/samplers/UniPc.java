package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.weft.engine.sampling.F32;
import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * UniPC (Zhao et al. 2023, arXiv 2302.04867), multistep predictor-corrector in data-prediction
 * form, as ComfyUI's {@code uni_pc.py} runs it: the sigmas serve as the time variable (a final 0
 * becomes 0.001), the state lives in variance-preserving space ({@code x / sqrt(1 + sigma^2)}),
 * order {@code min(3, len(sigmas) - 2)} with lower orders at the end, the corrector on every step
 * but the last. Variant bh1 uses {@code B(h) = h}, bh2 {@code B(h) = e^h - 1}.
 *
 * <p>The VP conversions are float32 on purpose: at sigma 0.001 they cancel to a few significant
 * bits, and ComfyUI's numbers depend on exactly those bits.
 *
 * <p>The step listener sees UniPC's own state (VP space) after each step, as ComfyUI's callback.
 */
@SuppressWarnings("try")
final class UniPc implements Sampler {
    private final boolean bh2;

    UniPc(boolean bh2) {
        this.bh2 = bh2;
    }

    @Override
    public String name() {
        return bh2 ? "uni_pc_bh2" : "uni_pc";
    }

    private static float logMeanCoeff(float sigma) {
        return 0.5f * F32.log(1f / (sigma * sigma + 1f));
    }

    private static float alpha(float sigma) {
        return F32.exp(logMeanCoeff(sigma));
    }

    private static float std(float sigma) {
        return F32.sqrt(1f - F32.exp(2f * logMeanCoeff(sigma)));
    }

    private static float lambda(float sigma) {
        float lmc = logMeanCoeff(sigma);
        return lmc - 0.5f * F32.log(1f - F32.exp(2f * lmc));
    }

    /** The data prediction in VP space: eps from the denoiser, then {@code (x - sigma_t eps) / alpha_t}. */
    private static NDArray modelFn(SamplingContext ctx, NDArray x, float t) {
        NDArray input = x.mul(F32.sqrt(t * t + 1f));
        NDArray eps = input.sub(ctx.denoise(input, t)).div(t);
        return x.sub(eps.mul(std(t))).div(alpha(t));
    }

    @Override
    public NDArray sample(SamplingContext ctx, NDArray xIn) {
        float[] t = ctx.sigmas().clone();
        if (t.length == 0) {
            return xIn;
        }
        if (t[t.length - 1] == 0f) {
            t[t.length - 1] = 0.001f;
        }
        int steps = t.length - 1;
        int order = Math.min(3, t.length - 2);
        List<NDArray> models = new ArrayList<>();
        List<Float> times = new ArrayList<>();
        NDArray x = xIn;
        try (Carry carry = new Carry(xIn)) {
            try (NDScope scope = new NDScope()) {
                x = xIn.div(F32.sqrt(1f + t[0] * t[0]));
                carry.retain(x);
            }
            for (int stepIndex = 0; stepIndex < steps; stepIndex++) {
                ctx.checkCancelled(stepIndex);
                try (NDScope scope = new NDScope()) {
                    if (stepIndex == 0) {
                        models.add(modelFn(ctx, x, t[0]));
                        times.add(t[0]);
                    } else if (stepIndex < order) {
                        Update u = update(ctx, x, models, times, t[stepIndex], stepIndex, true);
                        x = u.x;
                        models.add(u.model != null ? u.model : modelFn(ctx, x, t[stepIndex]));
                        times.add(t[stepIndex]);
                    } else {
                        int last = stepIndex == steps - 1 ? stepIndex + 1 : stepIndex;
                        for (int step = stepIndex; step <= last; step++) {
                            int stepOrder = Math.min(order, steps + 1 - step);
                            Update u = update(ctx, x, models, times, t[step], stepOrder, step != steps);
                            x = u.x;
                            for (int k = 0; k < order - 1; k++) {
                                times.set(k, times.get(k + 1));
                                models.set(k, models.get(k + 1));
                            }
                            times.set(order - 1, t[step]);
                            if (step < steps) {
                                models.set(order - 1, u.model != null ? u.model : modelFn(ctx, x, t[step]));
                            }
                        }
                    }
                    ctx.report(stepIndex, t[stepIndex], x, models.get(models.size() - 1));
                    carry.retain(models, x);
                }
            }
            try (NDScope scope = new NDScope()) {
                x = x.div(alpha(t[t.length - 1]));
                carry.retain(x);
            }
            return carry.release(x);
        }
    }

    private record Update(NDArray x, NDArray model) {
    }

    /** One B(h) predictor(-corrector) step from the newest state in the history to time {@code tNext}. */
    private Update update(SamplingContext ctx, NDArray x, List<NDArray> models, List<Float> times, float tNext,
                          int order, boolean useCorrector) {
        float tPrev0 = times.get(times.size() - 1);
        float lambdaPrev0 = lambda(tPrev0);
        float lambdaT = lambda(tNext);
        NDArray modelPrev0 = models.get(models.size() - 1);
        float sigmaPrev0 = std(tPrev0);
        float sigmaT = std(tNext);
        float alphaT = F32.exp(logMeanCoeff(tNext));
        float h = lambdaT - lambdaPrev0;

        float[] rks = new float[order];
        List<NDArray> d1s = new ArrayList<>();
        for (int i = 1; i < order; i++) {
            float lambdaPrevI = lambda(times.get(times.size() - 1 - i));
            float rk = (lambdaPrevI - lambdaPrev0) / h;
            rks[i - 1] = rk;
            d1s.add(models.get(models.size() - 1 - i).sub(modelPrev0).div(rk));
        }
        rks[order - 1] = 1f;

        float hh = -h;
        float hPhi1 = F32.expm1(hh);
        float hPhiK = hPhi1 / hh - 1f;
        long factorial = 1;
        float bH = bh2 ? F32.expm1(hh) : hh;
        double[][] r = new double[order][order];
        double[] b = new double[order];
        for (int i = 1; i <= order; i++) {
            for (int k = 0; k < order; k++) {
                r[i - 1][k] = F32.pow(rks[k], i - 1);
            }
            b[i - 1] = hPhiK * factorial / bH;
            factorial *= i + 1;
            hPhiK = hPhiK / hh - (float) (1.0 / factorial);
        }

        NDArray xT = x.mul(sigmaT / sigmaPrev0).sub(modelPrev0.mul(alphaT * hPhi1));
        NDArray base = xT;
        if (!d1s.isEmpty()) {
            float[] rhosP = order == 2 ? new float[] {0.5f} : toFloat(LinearSolve.solve(leading(r), leading(b)));
            xT = base.sub(weighted(d1s, rhosP, d1s.size()).mul(alphaT * bH));
        }
        if (!useCorrector) {
            return new Update(xT, null);
        }
        float[] rhosC = order == 1 ? new float[] {0.5f} : toFloat(LinearSolve.solve(r, b));
        NDArray modelT = modelFn(ctx, xT, tNext);
        NDArray d1t = modelT.sub(modelPrev0);
        NDArray corr = d1t.mul(rhosC[rhosC.length - 1]);
        if (!d1s.isEmpty()) {
            corr = weighted(d1s, rhosC, d1s.size()).add(corr);
        }
        return new Update(base.sub(corr.mul(alphaT * bH)), modelT);
    }

    private static NDArray weighted(List<NDArray> terms, float[] weights, int n) {
        NDArray sum = terms.get(0).mul(weights[0]);
        for (int k = 1; k < n; k++) {
            sum = sum.add(terms.get(k).mul(weights[k]));
        }
        return sum;
    }

    private static double[][] leading(double[][] m) {
        double[][] out = new double[m.length - 1][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOf(m[i], m.length - 1);
        }
        return out;
    }

    private static double[] leading(double[] v) {
        return Arrays.copyOf(v, v.length - 1);
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
