package dev.weft.nodes.builtin;

import dev.weft.engine.text.Sd1Clip;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** CLIPSetLastLayer: clip skip (-1 = last layer, -2 = the one before, ...). */
final class ClipSetLastLayerNode implements NodeImpl {
    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        try {
            return NodeResult.of(in.get("clip", Sd1Clip.class).withLastLayer(in.getInt("stop_at_clip_layer")));
        } catch (IllegalArgumentException e) {
            throw new NodeFailure("stop_at_clip_layer", e.getMessage(), e);
        }
    }
}
