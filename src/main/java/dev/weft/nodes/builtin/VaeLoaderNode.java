package dev.weft.nodes.builtin;

import dev.weft.engine.models.SharedModel;
import dev.weft.engine.models.VaeLoader;
import dev.weft.engine.vae.AutoencoderKL;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;
import java.nio.file.Path;
import java.util.Set;

/** VAELoader: a standalone VAE from models/vae. The TAESD and pixel-space entries are not supported yet. */
final class VaeLoaderNode implements NodeImpl {
    private static final Set<String> APPROXIMATE = Set.of("taesd", "taesdxl", "taesd3", "taef1", "pixel_space");
    private final EngineServices services;

    VaeLoaderNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        String name = in.getString("vae_name");
        if (APPROXIMATE.contains(name)) {
            throw new NodeFailure("vae_name", "'" + name + "' is not supported by Weft yet; choose a VAE file from models/vae");
        }
        Path file = NodeFiles.model(ctx, ModelFolder.VAE, "vae_name", name);
        SharedModel<AutoencoderKL> vae = services.loadModel("vae", file, "vae_name",
                p -> VaeLoader.load(p, services.root()));
        return NodeResult.of(ctx.own(vae).value());
    }

    @Override
    public Object fingerprint(NodeInputs in, NodeContext ctx) {
        return FileStamp.of(ctx, ModelFolder.VAE, in.getString("vae_name"));
    }
}
