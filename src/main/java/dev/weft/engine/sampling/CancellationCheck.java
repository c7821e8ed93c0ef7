package dev.weft.engine.sampling;

/** Asked at the start of every sampler step whether the user cancelled the run. */
@FunctionalInterface
public interface CancellationCheck {
    /** Never cancels. */
    CancellationCheck NEVER = () -> false;

    /** True once the run should stop; the sampler then throws {@link SamplingCancelledException}. */
    boolean isCancelled();
}
