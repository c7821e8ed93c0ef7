package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.image.CropMode;
import dev.weft.engine.image.Upscale;
import dev.weft.engine.image.UpscaleMethod;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** ImageScale: resizes an IMAGE (0 keeps the aspect ratio). */
final class ImageScaleNode implements NodeImpl {
    private final EngineServices services;

    ImageScaleNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) {
        NDArray image = in.get("image", NDArray.class);
        NDArray out = Upscale.imageScale(image, UpscaleMethod.fromComfyName(in.getString("upscale_method")),
                in.getInt("width"), in.getInt("height"), CropMode.fromComfyName(in.getString("crop")));
        if (out != image) {
            out.attach(services.outputManager(ctx));
        }
        return NodeResult.of(out);
    }
}
