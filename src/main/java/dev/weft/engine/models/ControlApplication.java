package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Apply ControlNet nodes do to conditioning (ComfyUI's {@code ControlNetApplyAdvanced}
 * and {@code ControlNetApply} in {@code nodes.py}). Nothing runs here: the ControlNet acts when
 * the sampler calls the model ({@link ControlRunner}). Engine thread only.
 */
public final class ControlApplication {
    private ControlApplication() {
    }

    /**
     * Apply ControlNet (advanced): every entry of {@code positive} and {@code negative} gets the
     * ControlNet chained after its own. One {@link ControlHint} is made per distinct previous
     * chain and shared by every entry, positive or negative, that had that chain, so cond and
     * uncond keep identical chains and still run as one batch. The entries' apply-to-uncond flag
     * is cleared. Strength 0 returns the inputs themselves.
     *
     * @param hint channels-first hint [B, C, H, W] in 0..1, owned by the caller's output
     * @return the new positive and negative, in that order
     */
    public static List<Conditioning> applyAdvanced(Conditioning positive, Conditioning negative,
                                                   ControlNetModel control, NDArray hint, double strength,
                                                   double startPercent, double endPercent) {
        if (strength == 0) {
            return List.of(positive, negative);
        }
        List<List<ControlHint>> previous = new ArrayList<>();
        List<ControlHint> made = new ArrayList<>();
        List<Conditioning> out = new ArrayList<>();
        for (Conditioning c : List.of(positive, negative)) {
            List<CondEntry> entries = new ArrayList<>();
            for (CondEntry e : c.entries()) {
                int known = indexOfSameChain(previous, e.controls());
                ControlHint h;
                if (known >= 0) {
                    h = made.get(known);
                } else {
                    h = new ControlHint(control, hint, strength, startPercent, endPercent);
                    previous.add(e.controls());
                    made.add(h);
                }
                entries.add(e.withControl(h, false));
            }
            out.add(new Conditioning(entries));
        }
        return out;
    }

    /**
     * Apply ControlNet (old): every entry gets its own new hint over the whole schedule, chained
     * after its previous ones, and is flagged so that the negative receives the same chain at
     * sampling time when it has no ControlNet of its own ({@link UncondControls}). Strength 0
     * returns the input itself.
     */
    public static Conditioning apply(Conditioning conditioning, ControlNetModel control, NDArray hint,
                                     double strength) {
        if (strength == 0) {
            return conditioning;
        }
        List<CondEntry> entries = new ArrayList<>();
        for (CondEntry e : conditioning.entries()) {
            entries.add(e.withControl(new ControlHint(control, hint, strength, 0.0, 1.0), true));
        }
        return new Conditioning(entries);
    }

    /** Index of the chain made of the same hint objects as {@code chain}, or -1. */
    private static int indexOfSameChain(List<List<ControlHint>> chains, List<ControlHint> chain) {
        for (int i = 0; i < chains.size(); i++) {
            if (sameObjects(chains.get(i), chain)) {
                return i;
            }
        }
        return -1;
    }

    /** Element-wise identity: ComfyUI keys by the previous control object. */
    static boolean sameObjects(List<ControlHint> a, List<ControlHint> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
