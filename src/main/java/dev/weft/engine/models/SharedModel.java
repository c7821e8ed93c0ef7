package dev.weft.engine.models;

/**
 * A reference-counted handle on a loaded model. The model's native memory is freed when the last
 * handle is closed: the {@link ModelCache} holds one while the model is cached, and every node
 * output that uses the model holds another (tied to the executor's cache entry), so a model can
 * never be freed while a cached output still points at it. Engine thread only.
 *
 * @param <T> the model value
 */
public final class SharedModel<T> implements AutoCloseable {
    private final Entry<T> entry;
    private boolean closed;

    private SharedModel(Entry<T> entry) {
        this.entry = entry;
    }

    /**
     * A first handle on a freshly loaded model; {@code owner} frees its memory. Public so loaders
     * outside this package (LoRA files) can be cached by {@link ModelCache} too.
     */
    public static <T> SharedModel<T> create(T value, AutoCloseable owner, long bytes) {
        return new SharedModel<>(new Entry<>(value, owner, bytes));
    }

    /** The model. */
    public T value() {
        if (closed) {
            throw new IllegalStateException("model handle used after close");
        }
        return entry.value;
    }

    /** Bytes of native memory the model holds. */
    public long bytes() {
        return entry.bytes;
    }

    /** Another handle on the same model, to be closed independently. */
    public SharedModel<T> retain() {
        if (closed || entry.refs == 0) {
            throw new IllegalStateException("cannot retain a released model");
        }
        entry.refs++;
        return new SharedModel<>(entry);
    }

    /** Whether the model's memory is still held by some handle. */
    public boolean alive() {
        return entry.refs > 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (--entry.refs == 0) {
            try {
                entry.owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("freeing a model failed: " + e.getMessage(), e);
            }
        }
    }

    private static final class Entry<T> {
        final T value;
        final AutoCloseable owner;
        final long bytes;
        int refs = 1;

        Entry(T value, AutoCloseable owner, long bytes) {
            this.value = value;
            this.owner = owner;
            this.bytes = bytes;
        }
    }
}
