package dev.weft.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Weights held in a map, owning their arrays through one NDManager: closing the map frees them.
 * Engine thread only.
 */
public final class WeightMap implements Weights, AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> arrays;

    private WeightMap(NDManager manager, Map<String, NDArray> arrays) {
        this.manager = manager;
        this.arrays = arrays;
    }

    /** An empty map whose arrays will be owned by a new sub-manager of {@code parent}. */
    public static WeightMap create(NDManager parent) {
        return new WeightMap(parent.newSubManager(), new LinkedHashMap<>());
    }

    /**
     * Loads every tensor of {@code file} whose key passes {@code filter} as fp32 (floats) under
     * a new sub-manager of {@code parent}.
     */
    public static WeightMap load(SafetensorsFile file, Predicate<String> filter, NDManager parent) throws IOException {
        WeightMap map = create(parent);
        try {
            for (String name : file.names()) {
                if (filter.test(name)) {
                    map.arrays.put(name, file.load(name, map.manager));
                }
            }
            return map;
        } catch (IOException | RuntimeException e) {
            map.close();
            throw e;
        }
    }

    /** Loads every tensor of {@code file}. */
    public static WeightMap load(SafetensorsFile file, NDManager parent) throws IOException {
        return load(file, k -> true, parent);
    }

    /** The manager that owns this map's arrays; arrays created with it are freed with the map. */
    public NDManager manager() {
        return manager;
    }

    /** Adds or replaces {@code key}; the array is attached to this map's manager. */
    public void put(String key, NDArray array) {
        array.attach(manager);
        NDArray old = arrays.put(key, array);
        if (old != null && old != array) {
            old.close();
        }
    }

    @Override
    public Optional<NDArray> find(String key) {
        return Optional.ofNullable(arrays.get(key));
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(arrays.keySet());
    }

    /** Total bytes held. */
    public long byteSize() {
        long n = 0;
        for (NDArray a : arrays.values()) {
            n += a.size() * a.getDataType().getNumOfBytes();
        }
        return n;
    }

    @Override
    public void close() {
        arrays.clear();
        manager.close();
    }
}
