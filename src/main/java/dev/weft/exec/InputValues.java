package dev.weft.exec;

import dev.weft.nodes.NodeInputs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A node's inputs as {@link NodeInputs}: converted constants and resolved upstream outputs. */
final class InputValues implements NodeInputs {
    private final String node;
    private final Map<String, Object> values;

    /** @param node names the node in errors, e.g. {@code node 3 "KSampler"} */
    InputValues(String node, Map<String, Object> values) {
        this.node = node;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Set<String> names() {
        return values.keySet();
    }

    @Override
    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(node + " has no input '" + name + "' (it has " + values.keySet() + ")");
        }
        return values.get(name);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
