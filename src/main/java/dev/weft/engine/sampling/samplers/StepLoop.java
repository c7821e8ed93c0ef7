package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.weft.engine.sampling.Denoiser;
import dev.weft.engine.sampling.SamplingContext;
import java.util.List;

/**
 * The step loop the samplers share, so that each one states only its update rule. Step i begins
 * with the context's cancellation check and then runs in its own {@link NDScope}; at its end the
 * new state and the rule's {@link Carried#history() history} survive (through a {@link Carry}),
 * everything else the step made is closed. The caller's start state is never closed, and is
 * returned as is when there is no step to run.
 *
 * <p>Rules that keep history between steps hold it in fields, so a rule object serves one run
 * only. Engine thread only.
 */
@SuppressWarnings("try")
final class StepLoop {
    private StepLoop() {
    }

    /** What a step keeps for the next one besides the state. */
    interface Carried {
        /** The arrays the next step reads besides the state; nulls are ignored. */
        default List<NDArray> history() {
            return List.of();
        }
    }

    /** One step that makes its own denoiser calls and reports. */
    @FunctionalInterface
    interface Step extends Carried {
        /** @return the state after step {@code i}, made inside the step's scope */
        NDArray next(int i, NDArray x);
    }

    /** The update of a sampler whose step i starts with one denoiser call at {@code (x, sigmas[i])}. */
    @FunctionalInterface
    interface Rule extends Carried {
        /**
         * @param x        the state at {@code sigmas[i]}
         * @param denoised the (already reported) prediction {@code D(x, sigmas[i])}
         * @return the state at {@code sigmas[i + 1]}
         */
        NDArray next(int i, NDArray x, NDArray denoised);
    }

    /** {@link Rule} for samplers that may also read the unconditional prediction (CFG++). */
    @FunctionalInterface
    interface GuidedRule extends Carried {
        /**
         * @param g the (already reported) guided prediction at {@code (x, sigmas[i])}; its
         *          unconditional part is null when the loop runs unguided
         * @return the state at {@code sigmas[i + 1]}
         */
        NDArray next(int i, NDArray x, Denoiser.Guided g);
    }

    /** Runs {@code count} steps from {@code x}. */
    static NDArray steps(SamplingContext ctx, NDArray x, int count, Step step) {
        try (Carry carry = new Carry(x)) {
            for (int i = 0; i < count; i++) {
                ctx.checkCancelled(i);
                try (NDScope scope = new NDScope()) {
                    x = step.next(i, x);
                    carry.retain(step.history(), x);
                }
            }
            return carry.release(x);
        }
    }

    /**
     * Runs one step per sigma interval: denoise at {@code (x, sigmas[i])}, report {@code x} and
     * the prediction to the listener, then apply {@code rule}.
     */
    static NDArray run(SamplingContext ctx, NDArray x, Rule rule) {
        return run(ctx, x, false, new GuidedRule() {
            @Override
            public NDArray next(int i, NDArray x, Denoiser.Guided g) {
                return rule.next(i, x, g.denoised());
            }

            @Override
            public List<NDArray> history() {
                return rule.history();
            }
        });
    }

    /**
     * {@link #run(SamplingContext, NDArray, Rule)} with the guided denoiser call
     * ({@link SamplingContext#denoiseGuided}) when {@code guided}, else the plain one.
     */
    static NDArray run(SamplingContext ctx, NDArray x, boolean guided, GuidedRule rule) {
        float[] s = ctx.sigmas();
        return steps(ctx, x, ctx.steps(), new Step() {
            @Override
            public NDArray next(int i, NDArray x) {
                Denoiser.Guided g = guided ? ctx.denoiseGuided(x, s[i])
                        : new Denoiser.Guided(ctx.denoise(x, s[i]), null);
                ctx.report(i, s[i], x, g.denoised());
                return rule.next(i, x, g);
            }

            @Override
            public List<NDArray> history() {
                return rule.history();
            }
        });
    }
}
