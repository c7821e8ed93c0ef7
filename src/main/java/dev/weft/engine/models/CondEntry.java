package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One entry of a CONDITIONING list: ComfyUI's {@code [cond, {"pooled_output": ..., "control": ...}]}.
 *
 * @param cond     cross-attention context [1, 77·k, C]
 * @param pooled   pooled text embedding [1, C], or {@code null}
 * @param controls ControlNets applied to this entry, in the order they were chained (empty for none)
 */
public record CondEntry(NDArray cond, NDArray pooled, List<ControlHint> controls) {
    public CondEntry {
        controls = List.copyOf(controls);
    }

    public CondEntry(NDArray cond, NDArray pooled) {
        this(cond, pooled, List.of());
    }

    /** The same text with one more ControlNet chained after the existing ones. */
    public CondEntry withControl(ControlHint hint) {
        var list = new java.util.ArrayList<>(controls);
        list.add(hint);
        return new CondEntry(cond, pooled, list);
    }

    /** Number of context tokens. */
    public long tokens() {
        return cond.getShape().get(1);
    }
}
