package dev.weft.engine.sampling;

import java.util.Arrays;

/**
 * The sigma list the KSampler and KSamplerAdvanced nodes hand to a sampler (ComfyUI's
 * {@code KSampler.set_steps}, {@code calculate_sigmas} and the slicing in
 * {@code KSampler.sample}). An empty list means "do not sample: return the latent unchanged".
 */
public final class KSamplerSigmas {
    private KSamplerSigmas() {
    }

    /**
     * The KSampler schedule: for {@code denoise} below 1 the schedule is computed for
     * {@code int(steps / denoise)} steps and only its last {@code steps + 1} sigmas are kept;
     * {@code denoise <= 0} gives an empty list. Samplers that evaluate the model between sigmas
     * (dpm_2, dpm_2_ancestral, uni_pc, uni_pc_bh2) get one extra step with the second-to-last
     * sigma dropped.
     *
     * @param steps   at least 1
     * @param denoise in [0, 1]; values above 0.9999 count as 1
     */
    public static float[] forKSampler(ModelSampling ms, Scheduler scheduler, SamplerName sampler, int steps,
                                      double denoise) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (denoise > 0.9999) {
            return calculate(ms, scheduler, sampler, steps);
        }
        if (denoise <= 0.0) {
            return new float[0];
        }
        int newSteps = (int) (steps / denoise);
        float[] all = calculate(ms, scheduler, sampler, newSteps);
        int keep = Math.min(all.length, steps + 1);
        return Arrays.copyOfRange(all, all.length - keep, all.length);
    }

    /**
     * {@code calculate_sigmas} plus the discard-penultimate rule for {@code sampler}.
     */
    public static float[] calculate(ModelSampling ms, Scheduler scheduler, SamplerName sampler, int steps) {
        if (!sampler.discardsPenultimateSigma()) {
            return scheduler.sigmas(ms, steps);
        }
        float[] s = scheduler.sigmas(ms, steps + 1);
        if (s.length < 2) {
            return s;
        }
        float[] out = Arrays.copyOf(s, s.length - 1);
        out[out.length - 1] = s[s.length - 1];
        return out;
    }

    /**
     * KSamplerAdvanced's slicing: with {@code lastStep} below the final step, keep
     * {@code sigmas[0..lastStep]} and, if {@code forceFullDenoise}, set the last one to 0; then
     * drop the first {@code startStep} sigmas. A start at or past the last step gives an empty
     * list (ComfyUI then returns the input latent without sampling).
     *
     * @param startStep first step to run, or a negative value for "from the start"
     * @param lastStep  last step to run (exclusive end sigma index), or a negative value for "to the end"
     */
    public static float[] slice(float[] sigmas, int startStep, int lastStep, boolean forceFullDenoise) {
        float[] s = sigmas;
        if (lastStep >= 0 && lastStep < s.length - 1) {
            s = Arrays.copyOf(s, lastStep + 1);
            if (forceFullDenoise) {
                s[s.length - 1] = 0f;
            }
        }
        if (startStep >= 0) {
            if (startStep < s.length - 1) {
                s = Arrays.copyOfRange(s, startStep, s.length);
            } else {
                return new float[0];
            }
        }
        return s == sigmas ? sigmas.clone() : s;
    }
}
