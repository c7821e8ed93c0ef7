package dev.weft.engine.sampling;

/**
 * Thrown by a sampler when its {@link CancellationCheck} reports a cancel. Every array the
 * sampler created is closed before this propagates; the input arrays are untouched.
 */
public final class SamplingCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int step;

    /** @param step the step that was about to run */
    public SamplingCancelledException(int step) {
        super("sampling cancelled before step " + step);
        this.step = step;
    }

    /** The step that was about to run when the cancel was seen. */
    public int step() {
        return step;
    }
}
