package dev.weft.graph;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Looks up the spec of a node type by class_type. */
@FunctionalInterface
public interface NodeSpecs {
    Optional<NodeSpec> find(String classType);

    /** Knows no node types. */
    static NodeSpecs none() {
        return type -> Optional.empty();
    }

    /** A fixed set of specs, keyed by {@link NodeSpec#classType()}. */
    static NodeSpecs of(Collection<NodeSpec> specs) {
        Map<String, NodeSpec> byType = new LinkedHashMap<>();
        for (NodeSpec s : specs) {
            byType.put(s.classType(), s);
        }
        return type -> Optional.ofNullable(byType.get(type));
    }
}
