package dev.weft.ui.canvas;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import java.util.HashMap;
import java.util.Map;

/**
 * Layouts per node id, recomputed when the node's record changes. Node records are immutable and
 * replaced by every edit, so an identity check is a complete and O(1) change test.
 */
public final class LayoutCache {
    private LayoutEngine engine;
    private final Map<Integer, NodeLayout> byId = new HashMap<>();

    public LayoutCache(LayoutEngine engine) {
        this.engine = engine;
    }

    public LayoutEngine engine() {
        return engine;
    }

    /** Switches to another engine (new specs or font) and forgets every layout. */
    public void setEngine(LayoutEngine e) {
        engine = e;
        byId.clear();
    }

    public NodeLayout get(Graph graph, Node n) {
        NodeLayout l = byId.get(n.id());
        if (l == null || l.node() != n) {
            l = engine.layout(n, graph);
            byId.put(n.id(), l);
        }
        return l;
    }

    /** The layout of node {@code id}, if the graph has it. */
    public java.util.Optional<NodeLayout> get(Graph graph, int id) {
        return graph.node(id).map(n -> get(graph, n));
    }

    public void clear() {
        byId.clear();
    }

    /** Drops layouts of nodes that left the graph. */
    public void prune(Graph graph) {
        byId.keySet().removeIf(id -> graph.node(id).isEmpty());
    }
}
