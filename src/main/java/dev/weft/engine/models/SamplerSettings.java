package dev.weft.engine.models;

import dev.weft.engine.sampling.SamplerName;
import dev.weft.engine.sampling.Scheduler;

/**
 * The knobs of KSampler and KSamplerAdvanced.
 *
 * @param seed              noise seed (all 64 bits; ComfyUI's seeds go up to 2^64-1)
 * @param steps             scheduler steps
 * @param cfg               guidance scale
 * @param sampler           algorithm
 * @param scheduler         sigma schedule
 * @param denoise           fraction of the schedule to run (KSampler); 1 for KSamplerAdvanced
 * @param addNoise          false = start from the latent as is (KSamplerAdvanced add_noise disable)
 * @param startStep         first step to run (KSamplerAdvanced start_at_step), 0 for KSampler
 * @param endStep           step to stop at (KSamplerAdvanced end_at_step), {@code Integer.MAX_VALUE} for all
 * @param forceFullDenoise  end at sigma 0 even when stopping early (return_with_leftover_noise disable)
 */
public record SamplerSettings(long seed, int steps, double cfg, SamplerName sampler, Scheduler scheduler,
                              double denoise, boolean addNoise, int startStep, int endStep, boolean forceFullDenoise) {
    /** KSampler's settings: full noise, the whole (denoise-truncated) schedule. */
    public static SamplerSettings ksampler(long seed, int steps, double cfg, SamplerName sampler, Scheduler scheduler,
                                           double denoise) {
        return new SamplerSettings(seed, steps, cfg, sampler, scheduler, denoise, true, 0, Integer.MAX_VALUE, true);
    }

    /** The same settings with another guidance scale. */
    public SamplerSettings withCfg(double newCfg) {
        return new SamplerSettings(seed, steps, newCfg, sampler, scheduler, denoise, addNoise, startStep, endStep,
                forceFullDenoise);
    }
}
