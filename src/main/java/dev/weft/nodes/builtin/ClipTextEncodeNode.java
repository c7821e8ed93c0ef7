package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDManager;
import dev.weft.engine.models.CondEntry;
import dev.weft.engine.models.Conditioning;
import dev.weft.engine.text.Sd1Clip;
import dev.weft.engine.text.TextConditioning;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** CLIPTextEncode: prompt text to conditioning with ComfyUI's weighting and 77-token chunks. */
final class ClipTextEncodeNode implements NodeImpl {
    private final EngineServices services;

    ClipTextEncodeNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        Sd1Clip clip = in.get("clip", Sd1Clip.class);
        NDManager m = services.outputManager(ctx);
        TextConditioning tc;
        try {
            tc = clip.encode(in.getString("text"), m);
        } catch (IllegalArgumentException e) {
            throw new NodeFailure("text", e.getMessage(), e);
        }
        return NodeResult.of(Conditioning.of(new CondEntry(tc.cond(), tc.pooled())));
    }
}
