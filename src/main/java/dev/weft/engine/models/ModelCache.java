package dev.weft.engine.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loaded models by file, so a run that changes only a prompt or a sampler setting reloads nothing.
 * A file is identified by its real path, size and modification time: replacing it on disk loads the
 * new one. The cache keeps the most recently used models up to {@code maxBytes} of native memory
 * (at least one model), releasing its handle on older ones; a model still used by a cached node
 * output lives on until that output goes. Engine thread only.
 */
public final class ModelCache implements AutoCloseable {
    /** Loads one model from a file. */
    @FunctionalInterface
    public interface Loader<T> {
        SharedModel<T> load(Path file) throws IOException;
    }

    private record Key(String kind, Path file, long size, long modified) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, SharedModel<?>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private int loads;

    /** @param maxBytes native memory the cache may keep alive on its own */
    public ModelCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * A new handle on the model of {@code kind} in {@code file}, loading it if needed. The caller
     * owns the returned handle and must close it.
     */
    @SuppressWarnings("unchecked")
    public <T> SharedModel<T> get(String kind, Path file, Loader<T> loader) throws IOException {
        Path real = file.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        Key key = new Key(kind, real, a.size(), a.lastModifiedTime().toMillis());
        SharedModel<?> hit = entries.get(key);
        if (hit != null) {
            return (SharedModel<T>) hit.retain();
        }
        // A changed file replaces its older version.
        entries.entrySet().removeIf(e -> {
            boolean stale = e.getKey().kind().equals(kind) && e.getKey().file().equals(real);
            if (stale) {
                e.getValue().close();
            }
            return stale;
        });
        SharedModel<T> loaded = loader.load(real);
        loads++;
        entries.put(key, loaded);
        trim();
        return loaded.retain();
    }

    /** How many times a loader ran (tests check that a second run reloads nothing). */
    public int loads() {
        return loads;
    }

    /** Number of models the cache holds. */
    public int size() {
        return entries.size();
    }

    private void trim() {
        long total = entries.values().stream().mapToLong(SharedModel::bytes).sum();
        Iterator<Map.Entry<Key, SharedModel<?>>> it = entries.entrySet().iterator();
        while (total > maxBytes && entries.size() > 1 && it.hasNext()) {
            SharedModel<?> oldest = it.next().getValue();
            total -= oldest.bytes();
            oldest.close();
            it.remove();
        }
    }

    /** Releases every model the cache holds (outputs that still use one keep it alive). */
    public void clear() {
        entries.values().forEach(SharedModel::close);
        entries.clear();
    }

    @Override
    public void close() {
        clear();
    }
}
