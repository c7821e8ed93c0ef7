package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.image.PngImages;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;
import java.util.concurrent.ThreadLocalRandom;

/** PreviewImage: PNGs in the temp folder named {@code ComfyUI_temp_<5 letters>_NNNNN_.png}, fast compression. */
final class PreviewImageNode implements NodeImpl {
    private static final String LETTERS = "abcdefghijklmnopqrstupvxyz";

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        StringBuilder prefix = new StringBuilder("ComfyUI_temp_");
        for (int i = 0; i < 5; i++) {
            prefix.append(LETTERS.charAt(ThreadLocalRandom.current().nextInt(LETTERS.length())));
        }
        return NodeResult.of().withUi(ImageSaver.save(ctx, in.get("images", NDArray.class), prefix.toString(),
                ctx.tempFolder(), "temp", PngImages.PREVIEW_COMPRESS_LEVEL));
    }
}
