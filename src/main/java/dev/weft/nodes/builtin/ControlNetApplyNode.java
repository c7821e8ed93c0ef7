package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.models.Conditioning;
import dev.weft.engine.models.ControlApplication;
import dev.weft.engine.models.ControlNetModel;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/**
 * ControlNetApply ("Apply ControlNet (OLD)"): chains a ControlNet over the whole schedule onto each
 * entry of one conditioning and flags it as ComfyUI's {@code control_apply_to_uncond = True} does:
 * when the KSampler's negative carries no ControlNet, it gets the same chain, so the control also
 * steers the unconditional pass ({@link ControlApplication#apply}). Strength 0 passes the
 * conditioning through.
 */
final class ControlNetApplyNode implements NodeImpl {
    private final EngineServices services;

    ControlNetApplyNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        Conditioning conditioning = in.get("conditioning", Conditioning.class);
        double strength = in.getDouble("strength");
        if (strength == 0) {
            return NodeResult.of(conditioning);
        }
        ControlNetModel control = in.get("control_net", ControlNetModel.class);
        ControlNetInputs.checkContext(conditioning, "conditioning", control);
        NDArray hint = ControlNetInputs.hint(in.get("image", NDArray.class), control, services.outputManager(ctx));
        return NodeResult.of(ControlApplication.apply(conditioning, control, hint, strength));
    }
}
