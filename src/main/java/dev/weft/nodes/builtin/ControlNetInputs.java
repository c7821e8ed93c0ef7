package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.image.Planes;
import dev.weft.engine.models.CondEntry;
import dev.weft.engine.models.Conditioning;
import dev.weft.engine.models.ControlNetModel;
import dev.weft.nodes.NodeFailure;

/** What both Apply ControlNet nodes check and prepare, with failures on the right input. */
final class ControlNetInputs {
    private ControlNetInputs() {
    }

    /**
     * The IMAGE [B, H, W, C] as the channels-first hint [B, C, H, W] ComfyUI's apply nodes store,
     * copied into {@code out} so the conditioning does not depend on the image node's outputs.
     *
     * @throws NodeFailure on {@code image} when it is not an image with the ControlNet's channels
     */
    static NDArray hint(NDArray image, ControlNetModel control, NDManager out) throws NodeFailure {
        Shape s = image.getShape();
        if (s.dimension() != 4 || s.get(0) < 1 || s.get(1) < 1 || s.get(2) < 1) {
            throw new NodeFailure("image", "expected an IMAGE [batch, height, width, channels], got " + s);
        }
        if (s.get(3) != control.hintChannels()) {
            throw new NodeFailure("image", "the image has " + s.get(3) + " channels but " + control.name()
                    + " takes " + control.hintChannels() + "-channel hints");
        }
        try (NDArray chw = image.transpose(0, 3, 1, 2)) {
            return Planes.of(chw).toNDArray(out);
        }
    }

    /**
     * @throws NodeFailure on {@code input} when an entry's text context is not as wide as the
     *                     ControlNet's cross-attention reads (a text encoder of another family)
     */
    static void checkContext(Conditioning conditioning, String input, ControlNetModel control) throws NodeFailure {
        for (CondEntry e : conditioning.entries()) {
            if (e.width() != control.contextDim()) {
                throw new NodeFailure(input, "the conditioning is " + e.width() + " wide but " + control.name()
                        + " reads " + control.contextDim() + "-wide text context: use a ControlNet made for the"
                        + " checkpoint that encoded the prompt");
            }
        }
    }
}
