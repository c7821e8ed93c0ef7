package dev.weft.nodes.builtin;

import dev.weft.engine.models.DiffusionModel;
import dev.weft.engine.text.Sd1Clip;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;
import java.util.List;

/**
 * LoraLoader and LoraLoaderModelOnly: one LoRA on the model and (for LoraLoader) the text encoder.
 * Both strengths 0 return the inputs unchanged without reading the file, as ComfyUI does.
 */
final class LoraLoaderNode implements NodeImpl {
    private final LoraApplier applier;
    private final boolean withClip;

    /** @param withClip true for LoraLoader, false for LoraLoaderModelOnly */
    LoraLoaderNode(EngineServices services, boolean withClip) {
        this.applier = new LoraApplier(services);
        this.withClip = withClip;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        DiffusionModel model = in.get("model", DiffusionModel.class);
        Sd1Clip clip = withClip ? in.get("clip", Sd1Clip.class) : null;
        double strengthModel = in.getDouble("strength_model");
        double strengthClip = withClip ? in.getDouble("strength_clip") : 0;
        if (strengthModel == 0 && strengthClip == 0) {
            return withClip ? NodeResult.of(model, clip) : NodeResult.of(model);
        }
        LoraApplier.Patched p = applier.apply(ctx, model, clip, List.of(new LoraApplier.Row("lora_name", "",
                in.getString("lora_name"), strengthModel, strengthClip)));
        return withClip ? NodeResult.of(p.model(), p.clip()) : NodeResult.of(p.model());
    }

    @Override
    public Object fingerprint(NodeInputs in, NodeContext ctx) {
        return FileStamp.of(ctx, ModelFolder.LORAS, in.getString("lora_name"));
    }
}
