package dev.weft.engine.sampling.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The arrays a sampler carries from one step to the next. Each step runs in an
 * {@link NDScope}; at its end the sampler names everything that must survive with
 * {@link #retain}, which takes those arrays out of the scope and closes whatever this carry held
 * before and no longer needs. The sampler's input array is never owned, so never closed.
 */
final class Carry implements AutoCloseable {
    private final Set<NDArray> foreign = Collections.newSetFromMap(new IdentityHashMap<>());
    private Set<NDArray> owned = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param inputs arrays the caller owns (the start state) */
    Carry(NDArray... inputs) {
        for (NDArray a : inputs) {
            foreign.add(a);
        }
    }

    /**
     * Ends a step (call inside the step's scope): the given arrays survive, every previously
     * retained array not among them is closed. Nulls are ignored.
     */
    void retain(Collection<NDArray> list, NDArray... arrays) {
        Set<NDArray> next = Collections.newSetFromMap(new IdentityHashMap<>());
        for (NDArray a : list) {
            keep(a, next);
        }
        for (NDArray a : arrays) {
            keep(a, next);
        }
        for (NDArray old : owned) {
            if (!next.contains(old)) {
                old.close();
            }
        }
        owned = next;
    }

    /** {@link #retain(Collection, NDArray...)} without a list. */
    void retain(NDArray... arrays) {
        retain(Collections.emptyList(), arrays);
    }

    /**
     * Hands the result to the caller: it is no longer owned, and every other carried array is
     * closed.
     */
    NDArray release(NDArray result) {
        owned.remove(result);
        close();
        return result;
    }

    @Override
    public void close() {
        for (NDArray a : owned) {
            a.close();
        }
        owned.clear();
    }

    private void keep(NDArray a, Set<NDArray> next) {
        if (a == null || foreign.contains(a)) {
            return;
        }
        NDScope.unregister(a);
        next.add(a);
    }
}
