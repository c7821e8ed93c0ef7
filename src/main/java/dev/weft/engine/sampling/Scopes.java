package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Keeps tensor formulas from leaking their intermediates: the body runs in its own
 * {@link NDScope}, everything it created except the result is closed, and the result is handed
 * to the caller's scope (if any) as if one operation had made it. Engine thread only.
 */
public final class Scopes {
    private Scopes() {
    }

    /** Runs {@code body} and returns its result; all other arrays it created are closed. */
    public static NDArray keep(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope inner = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
            inner.suppressNotUsedWarning();
        }
        NDScope.register(out);
        return out;
    }

    /** Like {@link #keep(Supplier)} for a body with two results. */
    public static NDArray[] keepBoth(Supplier<NDArray[]> body) {
        NDArray[] out;
        try (NDScope inner = new NDScope()) {
            out = body.get();
            for (NDArray a : out) {
                NDScope.unregister(a);
            }
            inner.suppressNotUsedWarning();
        }
        for (NDArray a : out) {
            NDScope.register(a);
        }
        return out;
    }
}
