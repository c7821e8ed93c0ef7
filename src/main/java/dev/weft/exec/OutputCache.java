package dev.weft.exec;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Node outputs by input signature ({@link Signatures}), with the resources each node
 * {@linkplain dev.weft.nodes.NodeContext#own owned}: when an entry leaves the cache its resources
 * are closed, in reverse order of ownership.
 *
 * <p>Engine thread only: entries hold engine objects whose resources must be closed there.
 */
final class OutputCache {
    private static final System.Logger LOG = System.getLogger(OutputCache.class.getName());

    /**
     * One node's results.
     *
     * @param outputs one value per output slot
     * @param ui      what the UI shows for the node
     * @param owned   resources to close when the entry is evicted
     */
    record Entry(List<Object> outputs, JsonObject ui, List<AutoCloseable> owned) {
        Entry {
            outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
            ui = ui.deepCopy();
            owned = List.copyOf(owned);
        }
    }

    private final Map<Object, Entry> entries = new HashMap<>();

    Optional<Entry> get(Object key) {
        return Optional.ofNullable(entries.get(key));
    }

    boolean has(Object key) {
        return entries.containsKey(key);
    }

    /** Stores a node's results; an entry already under the key is replaced and closed. */
    void put(Object key, Entry entry) {
        Entry old = entries.put(key, entry);
        if (old != null && old != entry) {
            close(old);
        }
    }

    /** Evicts every entry whose key is not in {@code keep}, closing its resources. */
    void retainOnly(Set<Object> keep) {
        Iterator<Map.Entry<Object, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Object, Entry> e = it.next();
            if (!keep.contains(e.getKey())) {
                it.remove();
                close(e.getValue());
            }
        }
    }

    /** Evicts everything. */
    void clear() {
        retainOnly(Set.of());
    }

    int size() {
        return entries.size();
    }

    /** Closes resources, newest first; a failure is logged and does not stop the others. */
    static void close(List<AutoCloseable> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "closing a cached resource failed: " + e);
            }
        }
    }

    private static void close(Entry e) {
        close(e.owned());
    }
}
