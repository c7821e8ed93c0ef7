package dev.weft.nodes.builtin;

import dev.weft.engine.models.DiffusionModel;
import dev.weft.engine.sampling.guidance.RescaleCfg;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** RescaleCFG: installs guidance_rescale (the {@code multiplier}) as the model's CFG function. */
final class RescaleCfgNode implements NodeImpl {
    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) {
        DiffusionModel m = in.get("model", DiffusionModel.class);
        return NodeResult.of(m.withGuidance(m.guidance().withCfgFunction(new RescaleCfg(in.getDouble("multiplier")))));
    }
}
