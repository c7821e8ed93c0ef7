package dev.weft.nodes.builtin;

import ai.djl.ndarray.types.Shape;
import dev.weft.engine.models.Latent;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** EmptyLatentImage: zeros [batch, 4, height/8, width/8]. */
final class EmptyLatentImageNode implements NodeImpl {
    private final EngineServices services;

    EmptyLatentImageNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) {
        long b = in.getLong("batch_size");
        long h = in.getLong("height") / 8;
        long w = in.getLong("width") / 8;
        return NodeResult.of(Latent.of(services.outputManager(ctx).zeros(new Shape(b, 4, h, w))));
    }
}
