package dev.weft.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Patched weight tensors by what they are: (base weights, key, the ordered LoRA steps that touched
 * the key). A patched model holds references on its tensors for as long as its node output is
 * cached; tensors nobody references stay around, most recently used first, up to
 * {@code idleBytes}, so that re-running after one strength change, or after removing one row of a
 * stack, finds the unchanged keys here instead of recomputing them. Engine thread only.
 */
final class PatchCache implements AutoCloseable {
    /** One LoRA applied to one key: which file version, at which strength. */
    record Step(LoraFile.Id lora, double strength) {
    }

    /** What a patched tensor is. {@code base} compares by identity (see {@link BaseRef}). */
    record Key(BaseRef base, String key, List<Step> steps) {
        Key {
            steps = List.copyOf(steps);
        }
    }

    /**
     * The unpatched weights a patch starts from, compared by identity: two loads of the same
     * checkpoint are different bases (their arrays differ), and a freed base can never be confused
     * with a new one while an entry still refers to it.
     */
    static final class BaseRef {
        private final Object weights;

        BaseRef(Object weights) {
            this.weights = weights;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BaseRef b && b.weights == weights;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(weights);
        }
    }

    private static final class Entry {
        final NDArray array;
        final long bytes;
        int refs;

        Entry(NDArray array) {
            this.array = array;
            this.bytes = array.size() * array.getDataType().getNumOfBytes();
        }
    }

    private final NDManager manager;
    private final long idleBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long idle;
    private long held;
    private boolean closed;

    /**
     * @param parent    manager under which cached tensors live
     * @param idleBytes how much unreferenced memory the cache may keep for later re-use
     */
    PatchCache(NDManager parent, long idleBytes) {
        this.manager = parent.newSubManager();
        this.idleBytes = idleBytes;
    }

    /** The tensor for {@code key} with one more reference on it, or {@code null}. */
    NDArray acquire(Key key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (e.refs++ == 0) {
            idle -= e.bytes;
        }
        return e.array;
    }

    /** The tensor for {@code key} without taking a reference (a starting point to patch further). */
    NDArray peek(Key key) {
        Entry e = entries.get(key);
        return e == null ? null : e.array;
    }

    /**
     * Stores a freshly computed tensor with one reference on it; the cache now owns the array
     * (it is attached to the cache's manager).
     */
    NDArray put(Key key, NDArray array) {
        array.attach(manager);
        Entry e = new Entry(array);
        e.refs = 1;
        Entry old = entries.put(key, e);
        held += e.bytes;
        if (old != null) { // cannot happen through LoraPatcher, which acquires first
            throw new IllegalStateException("patched tensor computed twice: " + key.key());
        }
        return array;
    }

    /** Drops one reference taken by {@link #acquire} or {@link #put}; may free idle tensors. */
    void release(Key key) {
        if (closed) { // the engine shut down first and freed everything already
            return;
        }
        Entry e = entries.get(key);
        if (e == null || e.refs == 0) {
            throw new IllegalStateException("patched tensor released more often than acquired: " + key.key());
        }
        if (--e.refs == 0) {
            idle += e.bytes;
            trim();
        }
    }

    /** Frees the least recently used unreferenced tensors until at most {@code idleBytes} remain. */
    private void trim() {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (idle > idleBytes && it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.refs == 0) {
                it.remove();
                idle -= e.bytes;
                held -= e.bytes;
                e.array.close();
            }
        }
    }

    /** Bytes held in all (referenced or idle). */
    long heldBytes() {
        return held;
    }

    /** Bytes held by tensors no patched model uses. */
    long idleBytes() {
        return idle;
    }

    int size() {
        return entries.size();
    }

    @Override
    public void close() {
        closed = true;
        entries.clear();
        idle = 0;
        held = 0;
        manager.close();
    }
}
