package dev.weft.nodes.builtin;

import dev.weft.engine.models.ControlNetLoader;
import dev.weft.engine.models.ControlNetModel;
import dev.weft.engine.models.SharedModel;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;
import java.nio.file.Path;

/**
 * ControlNetLoader: an SD 1.x ControlNet from models/controlnet (or models/t2i_adapter), loaded
 * once per file version through the model cache. Other control models are refused with a message
 * naming what the file is.
 */
final class ControlNetLoaderNode implements NodeImpl {
    private final EngineServices services;

    ControlNetLoaderNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        String name = in.getString("control_net_name");
        Path file = NodeFiles.model(ctx, ModelFolder.CONTROLNET, "control_net_name", name);
        SharedModel<ControlNetModel> control = services.loadModel("controlnet", file, "control_net_name",
                p -> ControlNetLoader.load(p, services.root()));
        return NodeResult.of(ctx.own(control).value());
    }

    @Override
    public Object fingerprint(NodeInputs in, NodeContext ctx) {
        return FileStamp.of(ctx, ModelFolder.CONTROLNET, in.getString("control_net_name"));
    }
}
