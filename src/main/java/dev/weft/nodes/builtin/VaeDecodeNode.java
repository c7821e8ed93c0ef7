package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.models.Latent;
import dev.weft.engine.vae.AutoencoderKL;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** VAEDecode: LATENT to IMAGE [B, H, W, 3] in 0..1. */
final class VaeDecodeNode implements NodeImpl {
    private final EngineServices services;

    VaeDecodeNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        AutoencoderKL vae = in.get("vae", AutoencoderKL.class);
        Latent latent = in.get("samples", Latent.class);
        NDArray image;
        try {
            image = vae.decode(latent.samples());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NodeFailure("samples", e.getMessage(), e);
        }
        image.attach(services.outputManager(ctx));
        return NodeResult.of(image);
    }
}
