package dev.weft.engine.text;

import java.util.OptionalInt;

/**
 * Which hidden state the CLIP encoder returns (ComfyUI's clip "layer" option, set by
 * {@code CLIPSetLastLayer}). SD 1.x applies the final LayerNorm to whichever layer is chosen, so
 * {@code hidden(-1)} equals {@link #LAST} and {@code hidden(-2)} is A1111's "clip skip 2".
 *
 * @param last  true for the final layer's output (ComfyUI's default)
 * @param index for {@code last == false}: a layer index, negative counting from the end
 *              ({@code -1} = last layer), non-negative counting from the first ({@code 0} = after one layer)
 */
public record ClipLayer(boolean last, int index) {
    /** The final layer (no CLIPSetLastLayer, or one whose index is beyond the model's layers). */
    public static final ClipLayer LAST = new ClipLayer(true, 0);

    /** A hidden layer by index (negative from the end). */
    public static ClipLayer hidden(int index) {
        return new ClipLayer(false, index);
    }

    /** What {@code CLIPSetLastLayer(stop_at_clip_layer)} selects: {@code -1} last, {@code -2} the one before, ... */
    public static ClipLayer stopAt(int stopAtClipLayer) {
        return hidden(stopAtClipLayer);
    }

    /**
     * The 0-based encoder layer whose output is returned, or empty for the final output. As in
     * ComfyUI, an index whose magnitude exceeds {@code layers} means the final output.
     *
     * @throws IllegalArgumentException for the index {@code layers} itself, which names no layer
     */
    public OptionalInt outputLayer(int layers) {
        if (last || Math.abs(index) > layers) {
            return OptionalInt.empty();
        }
        int i = index < 0 ? layers + index : index;
        if (i >= layers) {
            throw new IllegalArgumentException("CLIP layer " + index + " does not exist in a " + layers
                    + "-layer text encoder (use -1 to -" + layers + ")");
        }
        return OptionalInt.of(i);
    }
}
