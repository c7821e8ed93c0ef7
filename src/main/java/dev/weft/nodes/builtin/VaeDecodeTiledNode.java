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
 * VAEDecodeTiled: decodes in overlapping tiles so large images fit in memory. As ComfyUI's node,
 * the overlap is limited to a quarter of the tile and both are converted to latent cells; the
 * temporal inputs only matter for video VAEs and are ignored.
 */
final class VaeDecodeTiledNode implements NodeImpl {
    private final EngineServices services;

    VaeDecodeTiledNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        AutoencoderKL vae = in.get("vae", AutoencoderKL.class);
        Latent latent = in.get("samples", Latent.class);
        int tile = in.getInt("tile_size");
        int overlap = in.getInt("overlap");
        if (tile < overlap * 4) {
            overlap = tile / 4;
        }
        int f = vae.config().spatialFactor();
        NDArray image;
        try {
            image = vae.decodeTiled(latent.samples(), tile / f, tile / f, overlap / f);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NodeFailure("samples", e.getMessage(), e);
        }
        image.attach(services.outputManager(ctx));
        return NodeResult.of(image);
    }
}
