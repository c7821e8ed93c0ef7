package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.models.Latent;
import dev.weft.engine.vae.AutoencoderKL;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/**
 * VAEEncodeTiled: encodes in overlapping tiles (sizes in pixels, as ComfyUI's node passes them);
 * the temporal inputs only matter for video VAEs and are ignored.
 */
final class VaeEncodeTiledNode implements NodeImpl {
    private final EngineServices services;

    VaeEncodeTiledNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        AutoencoderKL vae = in.get("vae", AutoencoderKL.class);
        NDArray pixels = in.get("pixels", NDArray.class);
        int tile = in.getInt("tile_size");
        NDArray latent;
        try {
            latent = vae.encodeTiled(pixels, tile, tile, in.getInt("overlap"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NodeFailure("pixels", e.getMessage(), e);
        }
        latent.attach(services.outputManager(ctx));
        return NodeResult.of(Latent.of(latent));
    }
}
