package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weft.engine.sampling.CancellationCheck;
import dev.weft.engine.sampling.InitialNoise;
import dev.weft.engine.sampling.KSamplerSigmas;
import dev.weft.engine.sampling.KSampling;
import dev.weft.engine.sampling.SamplingContext;
import dev.weft.engine.sampling.SeededNoise;
import dev.weft.engine.sampling.StepListener;
import dev.weft.engine.sampling.guidance.CfgGuider;
import dev.weft.engine.sampling.samplers.Samplers;

/**
 * KSampler and KSamplerAdvanced as ComfyUI's {@code common_ksampler} runs them: the schedule for
 * the settings, seeded start noise (ComfyUI's {@code prepare_noise}, honouring {@code batch_index}),
 * the input latent scaled into model space when it is not all zeros, CFG around the UNet, the
 * sampler, and the result scaled back out. Engine thread only.
 */
public final class DiffusionSampling {
    private DiffusionSampling() {
    }

    /**
     * Samples.
     *
     * @param listener receives every step (x and x0 in model space)
     * @param cancel   asked before every step
     * @param out      owner of the returned latent's samples
     * @return the denoised latent (same extras as the input)
     * @throws dev.weft.engine.sampling.SamplingCancelledException when cancelled
     */
    public static Latent sample(DiffusionModel model, Conditioning positive, Conditioning negative, Latent latent,
                                SamplerSettings s, StepListener listener, CancellationCheck cancel, NDManager out) {
        float[] sigmas = sigmas(model, s);
        if (sigmas.length <= 1) {
            // Nothing to run (denoise 0, or start_at_step past the end): ComfyUI returns the input.
            NDArray copy = latent.samples().duplicate();
            copy.attach(out);
            return latent.withSamples(copy);
        }
        try (NDManager run = out.newSubManager()) {
            NDArray input = latent.samples();
            NDArray noise = s.addNoise()
                    ? InitialNoise.prepare(run, input.getShape(), s.seed(), latent.batchIndex())
                    : run.zeros(input.getShape());
            NDArray inModel = input.countNonzero().getLong() > 0 ? model.format().processIn(input) : input;
            UNetDenoiser unet = new UNetDenoiser(model, positive, negative, run);
            CfgGuider guider = new CfgGuider(unet, s.cfg(), model.guidance());
            SamplingContext ctx = new SamplingContext(model.sampling(), guider, sigmas, new SeededNoise(s.seed()),
                    listener, cancel);
            NDArray sampled = KSampling.sample(Samplers.create(s.sampler()), ctx, noise, inModel);
            NDArray result = model.format().processOut(sampled);
            result.attach(out);
            return latent.withSamples(result);
        }
    }

    /** The sigmas a run with these settings walks through ({@code steps + 1} or fewer). */
    public static float[] sigmas(DiffusionModel model, SamplerSettings s) {
        float[] sigmas = KSamplerSigmas.forKSampler(model.sampling(), s.scheduler(), s.sampler(), s.steps(), s.denoise());
        if (s.startStep() > 0 || s.endStep() < Integer.MAX_VALUE) {
            sigmas = KSamplerSigmas.slice(sigmas, s.startStep(), s.endStep(), s.forceFullDenoise());
        }
        return sigmas;
    }
}
