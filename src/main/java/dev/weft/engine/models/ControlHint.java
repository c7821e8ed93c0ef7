package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * One application of a ControlNet to conditioning: ComfyUI's ControlNet copy after
 * {@code set_cond_hint(image, strength, (start_percent, end_percent))}.
 *
 * <p>Identity matters, so this is a class rather than a record: entries of a CONDITIONING carry
 * their chain of hints ({@link CondEntry#controls()}), and entries whose chains are the same
 * objects (as Apply ControlNet makes them for its positive and negative) run in one batch, as
 * ComfyUI batches conds whose {@code control} is the same object. Immutable; the hint array belongs
 * to the node output that made this hint.
 */
public final class ControlHint {
    private final ControlNetModel control;
    private final NDArray hint;
    private final double strength;
    private final double startPercent;
    private final double endPercent;

    /**
     * @param control      the loaded ControlNet
     * @param hint         the control image channels-first, [B, C, H, W] in 0..1 (an IMAGE moved to
     *                     channels-first, as ComfyUI's apply nodes store it); resized to 8x the
     *                     latent (nearest-exact, centre crop) when sampling
     * @param strength     multiplier of every residual
     * @param startPercent where in the schedule the ControlNet starts acting (0 = first step)
     * @param endPercent   where it stops (1 = last step)
     */
    public ControlHint(ControlNetModel control, NDArray hint, double strength, double startPercent,
                       double endPercent) {
        this.control = Objects.requireNonNull(control, "control");
        this.hint = Objects.requireNonNull(hint, "hint");
        if (hint.getShape().dimension() != 4) {
            throw new IllegalArgumentException("a ControlNet hint is [B, C, H, W], got " + hint.getShape());
        }
        this.strength = strength;
        this.startPercent = startPercent;
        this.endPercent = endPercent;
    }

    public ControlNetModel control() {
        return control;
    }

    /** The hint image [B, C, H, W] as given (not resized). */
    public NDArray hint() {
        return hint;
    }

    public double strength() {
        return strength;
    }

    public double startPercent() {
        return startPercent;
    }

    public double endPercent() {
        return endPercent;
    }

    @Override
    public String toString() {
        return "ControlHint[" + control.name() + ", hint " + hint.getShape() + ", strength " + strength + ", "
                + startPercent + ".." + endPercent + "]";
    }
}
