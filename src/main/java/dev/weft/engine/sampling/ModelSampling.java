package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * A discrete-time noise schedule and the maths that connects the sampler's sigmas to the model
 * (ComfyUI's {@code ModelSamplingDiscrete} combined with {@link Parameterization}).
 *
 * <p>The schedule is a table of {@code T} float32 sigmas, increasing with the timestep, exactly
 * as ComfyUI registers its {@code sigmas} buffer (computed in float64, stored as float32), plus the
 * float32 {@code log_sigmas} (log taken in float64, then rounded). Build one from beta-schedule
 * parameters with {@link #discrete} or from any sigma table with {@link #fromSigmas}, so other
 * schedules (zero-terminal-SNR, other models) can be added without touching the samplers.
 *
 * <p>Scalar conversions are plain Java and thread-safe; tensor methods create arrays in the
 * manager of their input and must run on the engine thread.
 */
public final class ModelSampling {
    /** What {@link #percentToSigma} returns for percent &lt;= 0 (ComfyUI's constant). */
    public static final double SIGMA_BEFORE_START = 999999999.9;

    private final float[] sigmas;
    private final float[] logSigmas;
    private final Parameterization parameterization;

    private ModelSampling(float[] sigmas, float[] logSigmas, Parameterization parameterization) {
        this.sigmas = sigmas;
        this.logSigmas = logSigmas;
        this.parameterization = parameterization;
    }

    /**
     * The schedule of SD1.x, SD2 and SDXL: {@link BetaSchedule#LINEAR}, betas from 0.00085 to
     * 0.012, 1000 timesteps.
     */
    public static ModelSampling sd(Parameterization parameterization) {
        return discrete(BetaSchedule.LINEAR, 0.00085, 0.012, 1000, parameterization);
    }

    /**
     * A discrete schedule from beta-schedule parameters, as {@code ModelSamplingDiscrete}
     * builds it from a model config's {@code sampling_settings}.
     *
     * @param schedule    how betas are spaced
     * @param linearStart first beta
     * @param linearEnd   last beta
     * @param timesteps   number of training timesteps (table length)
     */
    public static ModelSampling discrete(BetaSchedule schedule, double linearStart, double linearEnd, int timesteps,
                                         Parameterization parameterization) {
        double[] betas = schedule.betas(linearStart, linearEnd, timesteps);
        double[] s = new double[timesteps];
        double cumprod = 1.0;
        for (int i = 0; i < timesteps; i++) {
            cumprod *= 1.0 - betas[i];
            s[i] = Math.sqrt((1.0 - cumprod) / cumprod);
        }
        return fromSigmas(s, parameterization);
    }

    /**
     * A schedule from a float64 sigma table (increasing with the timestep); stored as float32
     * like ComfyUI's {@code set_sigmas}.
     */
    public static ModelSampling fromSigmas(double[] sigmas, Parameterization parameterization) {
        if (sigmas.length < 2) {
            throw new IllegalArgumentException("a sigma table needs at least 2 entries, got " + sigmas.length);
        }
        float[] f = new float[sigmas.length];
        float[] logs = new float[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) {
            f[i] = (float) sigmas[i];
            logs[i] = (float) Math.log(sigmas[i]);
        }
        return new ModelSampling(f, logs, parameterization);
    }

    /** The model's prediction type. */
    public Parameterization parameterization() {
        return parameterization;
    }

    /** A copy of the float32 sigma table, index = timestep. */
    public float[] sigmas() {
        return sigmas.clone();
    }

    /** A copy of the float32 log-sigma table. */
    public float[] logSigmas() {
        return logSigmas.clone();
    }

    /** Number of timesteps in the table. */
    public int size() {
        return sigmas.length;
    }

    /** The table entry at timestep {@code t}. */
    public float sigmaAt(int t) {
        return sigmas[t];
    }

    /** Smallest sigma (timestep 0). */
    public float sigmaMin() {
        return sigmas[0];
    }

    /** Largest sigma (last timestep). */
    public float sigmaMax() {
        return sigmas[sigmas.length - 1];
    }

    /**
     * The timestep whose log-sigma is nearest to {@code log(sigma)} (ComfyUI's
     * {@code timestep(sigma)}, an integer: what the UNet receives). Ties go to the lower index,
     * like torch's argmin. Computed in float32 as ComfyUI does.
     */
    public int timestep(float sigma) {
        float logSigma = (float) Math.log(sigma);
        int best = 0;
        float bestDist = Float.POSITIVE_INFINITY;
        for (int i = 0; i < logSigmas.length; i++) {
            float d = Math.abs(logSigma - logSigmas[i]);
            if (d < bestDist) {
                bestDist = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * Sigma for a fractional timestep: clamp to the table, interpolate log-sigma linearly between
     * the neighbouring entries, exponentiate (ComfyUI's {@code sigma(timestep)}, float32).
     */
    public float sigma(float timestep) {
        float t = Math.max(0f, Math.min(timestep, sigmas.length - 1));
        int low = (int) Math.floor(t);
        int high = (int) Math.ceil(t);
        float w = t - (float) Math.floor(t);
        float logSigma = (1f - w) * logSigmas[low] + w * logSigmas[high];
        return (float) Math.exp(logSigma);
    }

    /**
     * Sigma at a fraction of the sampling process (0 = start, 1 = end), used for
     * start/end percentages of conditionings and ControlNets.
     */
    public double percentToSigma(double percent) {
        if (percent <= 0.0) {
            return SIGMA_BEFORE_START;
        }
        if (percent >= 1.0) {
            return 0.0;
        }
        return sigma((float) ((1.0 - percent) * 999.0));
    }

    /**
     * ComfyUI's {@code max_denoise}: whether the first sigma is the schedule's top (within a
     * relative 1e-5) or above it, in which case the start noise is scaled by
     * {@code sqrt(1 + sigma^2)} instead of {@code sigma}.
     */
    public boolean isMaxDenoise(float firstSigma) {
        double max = sigmaMax();
        double s = firstSigma;
        return Math.abs(max - s) <= 1e-5 * Math.max(Math.abs(max), Math.abs(s)) || s > max;
    }

    /**
     * The model input for a noisy latent: {@code x / sqrt(sigma^2 + 1)}.
     *
     * @param sigma per-batch sigmas {@code [B]}
     * @param x     noisy latent {@code [B, C, H, W]}
     */
    public NDArray calculateInput(NDArray sigma, NDArray x) {
        return Scopes.keep(() -> {
            NDArray s = broadcastable(sigma, x);
            return x.div(s.mul(s).add(1f).sqrt());
        });
    }

    /**
     * The denoised prediction x0 from the network's raw output.
     *
     * @param sigma       per-batch sigmas {@code [B]}
     * @param modelOutput network output {@code [B, C, H, W]}
     * @param modelInput  the noisy latent the network saw before {@link #calculateInput}
     */
    public NDArray calculateDenoised(NDArray sigma, NDArray modelOutput, NDArray modelInput) {
        return Scopes.keep(() -> parameterization.denoised(broadcastable(sigma, modelOutput), modelOutput, modelInput));
    }

    /**
     * The sampler's start state: {@code noise * sqrt(1 + sigma^2) + latent} when
     * {@code maxDenoise}, else {@code noise * sigma + latent} (float32, as ComfyUI).
     */
    public NDArray noiseScaling(float sigma, NDArray noise, NDArray latentImage, boolean maxDenoise) {
        float scale = maxDenoise ? (float) Math.sqrt(1f + sigma * sigma) : sigma;
        return Scopes.keep(() -> noise.mul(scale).add(latentImage));
    }

    /** Undoes model-specific scaling of the sampler's result; the identity for EPS and V. */
    public NDArray inverseNoiseScaling(float sigma, NDArray latent) {
        return latent;
    }

    /**
     * Half log-SNR {@code log(alpha/sigma) = -log(sigma)} for these variance-exploding
     * schedules (what several samplers call lambda).
     */
    public float halfLogSnr(float sigma) {
        return -(float) Math.log(sigma);
    }

    /** Inverse of {@link #halfLogSnr}. */
    public float sigmaFromHalfLogSnr(float halfLogSnr) {
        return (float) Math.exp(-halfLogSnr);
    }

    private static NDArray broadcastable(NDArray sigma, NDArray like) {
        if (sigma.size() == 1) {
            return sigma.reshape();
        }
        long[] shape = new long[like.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[0] = sigma.size();
        return sigma.reshape(shape);
    }
}
