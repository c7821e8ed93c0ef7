package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.image.PngImages;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** SaveImage: PNGs in the output folder, with the prompt and workflow embedded. */
final class SaveImageNode implements NodeImpl {
    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        return NodeResult.of().withUi(ImageSaver.save(ctx, in.get("images", NDArray.class),
                in.getString("filename_prefix"), ctx.outputFolder(), "output", PngImages.SAVE_COMPRESS_LEVEL));
    }
}
