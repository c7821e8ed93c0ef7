package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a CONDITIONING list: ComfyUI's {@code [cond, {"pooled_output": ..., "control": ...,
 * "control_apply_to_uncond": ...}]}.
 *
 * @param cond                   cross-attention context [1, 77·k, C]
 * @param pooled                 pooled text embedding [1, C], or {@code null}
 * @param controls               the ControlNets chained on this entry, first applied first (empty
 *                               for none); their residuals add up (ComfyUI's previous-controlnet
 *                               chain, flattened)
 * @param controlsApplyToUncond  ComfyUI's {@code control_apply_to_uncond}, set by the old Apply
 *                               ControlNet node: when sampling and no negative entry has a
 *                               ControlNet, this entry's chain is also given to a negative entry
 *                               (see {@link UncondControls})
 */
public record CondEntry(NDArray cond, NDArray pooled, List<ControlHint> controls, boolean controlsApplyToUncond) {
    public CondEntry {
        controls = List.copyOf(controls);
    }

    public CondEntry(NDArray cond, NDArray pooled, List<ControlHint> controls) {
        this(cond, pooled, controls, false);
    }

    public CondEntry(NDArray cond, NDArray pooled) {
        this(cond, pooled, List.of());
    }

    /**
     * The same text with {@code hint} chained after the existing ControlNets and the
     * apply-to-uncond flag set as the applying node sets it.
     */
    public CondEntry withControl(ControlHint hint, boolean applyToUncond) {
        List<ControlHint> list = new ArrayList<>(controls);
        list.add(hint);
        return new CondEntry(cond, pooled, list, applyToUncond);
    }

    /** The same text with another ControlNet chain (the flag is kept). */
    public CondEntry withControls(List<ControlHint> chain) {
        return new CondEntry(cond, pooled, chain, controlsApplyToUncond);
    }

    /** Number of context tokens. */
    public long tokens() {
        return cond.getShape().get(1);
    }

    /** Width of the context (768 for SD 1.x). */
    public long width() {
        return cond.getShape().get(2);
    }
}
