package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.models.Latent;
import dev.weft.engine.vae.AutoencoderKL;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** VAEEncode: IMAGE (RGB, centre-cropped to a multiple of 8) to LATENT, the posterior mean. */
final class VaeEncodeNode implements NodeImpl {
    private final EngineServices services;

    VaeEncodeNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        AutoencoderKL vae = in.get("vae", AutoencoderKL.class);
        NDArray pixels = in.get("pixels", NDArray.class);
        NDArray latent;
        try {
            latent = vae.encode(pixels);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NodeFailure("pixels", e.getMessage(), e);
        }
        latent.attach(services.outputManager(ctx));
        return NodeResult.of(Latent.of(latent));
    }
}
