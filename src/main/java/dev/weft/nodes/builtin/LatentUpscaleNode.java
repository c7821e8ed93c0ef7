package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.image.CropMode;
import dev.weft.engine.image.Upscale;
import dev.weft.engine.image.UpscaleMethod;
import dev.weft.engine.models.Latent;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** LatentUpscale: resizes a latent to width/8 x height/8 (0 keeps the aspect ratio, 64 px minimum). */
final class LatentUpscaleNode implements NodeImpl {
    private final EngineServices services;

    LatentUpscaleNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) {
        Latent latent = in.get("samples", Latent.class);
        NDArray out = Upscale.latentUpscale(latent.samples(), UpscaleMethod.fromComfyName(in.getString("upscale_method")),
                in.getInt("width"), in.getInt("height"), CropMode.fromComfyName(in.getString("crop")));
        if (out == latent.samples()) {
            return NodeResult.of(latent);
        }
        out.attach(services.outputManager(ctx));
        return NodeResult.of(latent.withSamples(out));
    }
}
