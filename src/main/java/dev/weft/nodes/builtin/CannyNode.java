package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.image.Canny;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/**
 * Canny: edges of every image of the batch as an IMAGE [B, H, W, 3] of 0 and 1, the same map in
 * all three channels (kornia's Canny as ComfyUI's node runs it, {@link Canny#detect}).
 */
final class CannyNode implements NodeImpl {
    private final EngineServices services;

    CannyNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        double low = in.getDouble("low_threshold");
        double high = in.getDouble("high_threshold");
        if (low > high) {
            throw new NodeFailure("low_threshold", "low_threshold " + low + " is above high_threshold " + high
                    + ": lower it or raise high_threshold");
        }
        NDArray edges;
        try {
            edges = Canny.detect(in.get("image", NDArray.class), low, high);
        } catch (IllegalArgumentException e) {
            throw new NodeFailure("image", e.getMessage(), e);
        }
        edges.attach(services.outputManager(ctx));
        return NodeResult.of(edges);
    }
}
