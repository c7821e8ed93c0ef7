/**
 * Sampling as ComfyUI's KSampler does it, on DJL NDArrays (float32, engine thread only).
 *
 * <p>A KSampler node runs, in this order:
 * <ol>
 *   <li>{@link dev.weft.engine.sampling.ModelSampling#sd} (or {@code discrete(...)}) for the
 *       checkpoint's schedule and prediction type;</li>
 *   <li>{@link dev.weft.engine.sampling.KSamplerSigmas#forKSampler} with a
 *       {@link dev.weft.engine.sampling.Scheduler} and {@link dev.weft.engine.sampling.SamplerName}
 *       (then {@code slice} for KSamplerAdvanced); an empty result means "return the latent";</li>
 *   <li>{@link dev.weft.engine.sampling.InitialNoise#prepare} for the seed (zeros when noise is
 *       disabled) and {@link dev.weft.engine.sampling.LatentFormat#processIn} on a non-empty
 *       input latent;</li>
 *   <li>a {@link dev.weft.engine.sampling.Denoiser}: a
 *       {@link dev.weft.engine.sampling.guidance.CfgGuider} around the model's
 *       {@link dev.weft.engine.sampling.guidance.ConditionedModel}, with RescaleCFG as a
 *       {@link dev.weft.engine.sampling.guidance.GuidanceOptions} CFG function;</li>
 *   <li>{@link dev.weft.engine.sampling.KSampling#sample} with
 *       {@code Samplers.create(name)}, a {@link dev.weft.engine.sampling.SeededNoise} for the
 *       seed, a {@link dev.weft.engine.sampling.StepListener} for progress and
 *       {@code preview.Latent2Rgb} previews, and a
 *       {@link dev.weft.engine.sampling.CancellationCheck};</li>
 *   <li>{@link dev.weft.engine.sampling.LatentFormat#processOut} on the result.</li>
 * </ol>
 */
package dev.weft.engine.sampling;
