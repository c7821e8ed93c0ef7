package dev.weft.nodes.builtin;

import dev.weft.engine.models.Conditioning;
import dev.weft.engine.models.DiffusionModel;
import dev.weft.engine.models.DiffusionSampling;
import dev.weft.engine.models.Latent;
import dev.weft.engine.models.SamplerSettings;
import dev.weft.engine.sampling.SamplerName;
import dev.weft.engine.sampling.Scheduler;
import dev.weft.engine.sampling.StepListener;
import dev.weft.engine.sampling.preview.Latent2Rgb;
import dev.weft.engine.sampling.preview.PreviewImage;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.PreviewFrame;

/**
 * What KSampler and KSamplerAdvanced share: reading the sampler and scheduler names, and running
 * the sampler with progress (step k of n) and a latent2rgb preview of x0 after every step.
 */
final class SamplerRun {
    private SamplerRun() {
    }

    static SamplerName sampler(NodeInputs in) throws NodeFailure {
        try {
            return SamplerName.fromComfyName(in.getString("sampler_name"));
        } catch (IllegalArgumentException e) {
            throw new NodeFailure("sampler_name", e.getMessage(), e);
        }
    }

    static Scheduler scheduler(NodeInputs in) throws NodeFailure {
        try {
            return Scheduler.fromComfyName(in.getString("scheduler"));
        } catch (IllegalArgumentException e) {
            throw new NodeFailure("scheduler", e.getMessage(), e);
        }
    }

    static Latent run(EngineServices services, NodeContext ctx, NodeInputs in, SamplerSettings settings) {
        DiffusionModel model = in.get("model", DiffusionModel.class);
        Conditioning positive = in.get("positive", Conditioning.class);
        Conditioning negative = in.get("negative", Conditioning.class);
        Latent latent = in.get("latent_image", Latent.class);
        int total = Math.max(1, DiffusionSampling.sigmas(model, settings).length - 1);
        StepListener listener = (step, sigma, x, denoised) -> {
            ctx.progress(Math.min(step + 1, total), total);
            PreviewImage p = Latent2Rgb.preview(denoised, model.format());
            ctx.preview(new PreviewFrame(p.width(), p.height(), p.rgb()));
        };
        return DiffusionSampling.sample(model, positive, negative, latent, settings, listener, () -> {
            ctx.checkCancelled();
            return false;
        }, services.outputManager(ctx));
    }
}
