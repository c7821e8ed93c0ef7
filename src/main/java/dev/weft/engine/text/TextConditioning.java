package dev.weft.engine.text;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What {@code CLIPTextEncode} produces for SD 1.x: the cross-attention context and the pooled vector.
 * The arrays belong to the manager passed to the encoder; close them (or it) when done.
 *
 * @param cond     {@code [1, 77·chunks, C]}: every chunk's hidden states, weighted, concatenated along tokens
 * @param pooled   {@code [1, C]}: the final-LayerNorm output at the first chunk's end token (not projected)
 * @param warnings what the user should know (missing or unusable embeddings), in order
 */
public record TextConditioning(NDArray cond, NDArray pooled, List<String> warnings) {
    public TextConditioning {
        warnings = List.copyOf(warnings);
    }
}
