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
import java.util.List;

/**
 * ControlNetApplyAdvanced ("Apply ControlNet"): chains a ControlNet with a hint image onto every
 * positive and negative entry, acting between start_percent and end_percent of the schedule
 * ({@link ControlApplication#applyAdvanced}). Strength 0 passes both conditionings through.
 *
 * <p>The optional VAE is accepted and not used: ComfyUI keeps it only for ControlNets that take a
 * latent hint (SD3, Flux and other transformer ControlNets), and every ControlNet Weft loads takes
 * the hint as pixels.
 */
final class ControlNetApplyAdvancedNode implements NodeImpl {
    private final EngineServices services;

    ControlNetApplyAdvancedNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        Conditioning positive = in.get("positive", Conditioning.class);
        Conditioning negative = in.get("negative", Conditioning.class);
        double strength = in.getDouble("strength");
        if (strength == 0) {
            return NodeResult.of(positive, negative);
        }
        ControlNetModel control = in.get("control_net", ControlNetModel.class);
        ControlNetInputs.checkContext(positive, "positive", control);
        ControlNetInputs.checkContext(negative, "negative", control);
        NDArray hint = ControlNetInputs.hint(in.get("image", NDArray.class), control, services.outputManager(ctx));
        List<Conditioning> out = ControlApplication.applyAdvanced(positive, negative, control, hint, strength,
                in.getDouble("start_percent"), in.getDouble("end_percent"));
        return NodeResult.of(out.get(0), out.get(1));
    }
}
