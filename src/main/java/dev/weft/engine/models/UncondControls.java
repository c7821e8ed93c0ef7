package dev.weft.engine.models;

import java.util.ArrayList;
import java.util.List;

/**
 * What the old Apply ControlNet node's {@code control_apply_to_uncond} does at sampling time
 * (ComfyUI's {@code apply_empty_x_to_equal_area(..., "control", ...)} in {@code process_conds},
 * without areas, which Weft does not have): if no negative entry carries a ControlNet, the
 * ControlNet chain of the k-th positive entry flagged {@link CondEntry#controlsApplyToUncond()} is
 * given to negative entry {@code k mod n}; with more flagged entries than negative ones, a later
 * chain replaces an earlier one on the same negative entry, as ComfyUI's loop does. So one
 * positive entry and one negative entry end up with the same chain, and cond and uncond still run
 * as one batch.
 */
final class UncondControls {
    private UncondControls() {
    }

    /** The negative conditioning to sample with (the input itself when nothing changes). */
    static Conditioning negativeFor(Conditioning positive, Conditioning negative) {
        if (negative.entries().stream().anyMatch(e -> !e.controls().isEmpty())) {
            return negative;
        }
        List<CondEntry> flagged = positive.entries().stream()
                .filter(e -> e.controlsApplyToUncond() && !e.controls().isEmpty()).toList();
        if (flagged.isEmpty()) {
            return negative;
        }
        List<CondEntry> original = negative.entries();
        List<CondEntry> out = new ArrayList<>(original);
        for (int k = 0; k < flagged.size(); k++) {
            int target = k % original.size();
            out.set(target, original.get(target).withControls(flagged.get(k).controls()));
        }
        return new Conditioning(out);
    }
}
