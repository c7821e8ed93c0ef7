package dev.weft.exec;

import dev.weft.graph.InputSection;
import dev.weft.nodes.NodeImpl;
import dev.weft.workflow.ApiInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache keys of a run's nodes: ComfyUI's input signature. A node's key lists the node and then
 * each of its ancestors (in the order a depth-first walk over inputs sorted by name meets them),
 * each as its immediate signature: class_type, fingerprint ({@link NodeImpl#fingerprint}), the
 * node id if the spec asks for a hidden {@code UNIQUE_ID}, and every input in sorted name order as
 * its converted constant or as (ancestor position in the list, output slot).
 *
 * <p>So the key changes when a widget of the node or of any ancestor changes, and does not depend
 * on node ids: the same subgraph under other ids hits the same cache entry. A fingerprint of
 * {@link NodeImpl#ALWAYS} is replaced by a token unique to this run, so the node and everything
 * after it miss the cache every time.
 *
 * <p>Keys are values: lists, records, strings and boxed numbers with structural equality.
 */
final class Signatures {
    /** A linked input inside a signature: the ancestor's position in the key's list and the slot. */
    record Ancestor(int index, int slot) {
    }

    /** One node's own part of a key. */
    record Immediate(String classType, Object fingerprint, String uniqueId, List<Object> inputs) {
    }

    private final ExecutionPlan plan;
    private final Map<String, Object> fingerprints;
    private final Map<String, Object> keys = new HashMap<>();

    /**
     * @param fingerprints each node's fingerprint ({@code null} when it has none)
     */
    Signatures(ExecutionPlan plan, Map<String, Object> fingerprints) {
        this.plan = plan;
        Map<String, Object> fp = new HashMap<>();
        fingerprints.forEach((id, f) -> fp.put(id, f == NodeImpl.ALWAYS ? new UniqueToken(id) : f));
        this.fingerprints = fp;
    }

    /** The cache key of a node of the plan. */
    Object key(String nodeId) {
        Object k = keys.get(nodeId);
        if (k == null) {
            k = compute(nodeId);
            keys.put(nodeId, k);
        }
        return k;
    }

    private Object compute(String nodeId) {
        Map<String, Integer> order = new LinkedHashMap<>();
        ancestry(nodeId, order);
        List<Object> key = new ArrayList<>(order.size() + 1);
        key.add(immediate(nodeId, order));
        for (String ancestor : order.keySet()) {
            key.add(immediate(ancestor, order));
        }
        return List.copyOf(key);
    }

    private void ancestry(String nodeId, Map<String, Integer> order) {
        for (ApiInput.LinkRef l : new TreeMap<>(plan.node(nodeId).links()).values()) {
            if (!order.containsKey(l.nodeId())) {
                order.put(l.nodeId(), order.size());
                ancestry(l.nodeId(), order);
            }
        }
    }

    private Immediate immediate(String nodeId, Map<String, Integer> order) {
        PlannedNode n = plan.node(nodeId);
        TreeMap<String, Object> inputs = new TreeMap<>(n.constants());
        n.links().forEach((name, l) -> inputs.put(name, new Ancestor(order.get(l.nodeId()), l.slot())));
        List<Object> flat = new ArrayList<>(inputs.size() * 2);
        inputs.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        boolean unique = n.spec().inputs().stream()
                .anyMatch(i -> i.section() == InputSection.HIDDEN && "UNIQUE_ID".equals(i.type()));
        return new Immediate(n.classType(), fingerprints.get(nodeId), unique ? nodeId : null, List.copyOf(flat));
    }

    /** Equal only to itself: stands for {@link NodeImpl#ALWAYS} within one run. */
    private static final class UniqueToken {
        private final String nodeId;

        UniqueToken(String nodeId) {
            this.nodeId = nodeId;
        }

        @Override
        public String toString() {
            return "always-run(" + nodeId + ")";
        }
    }
}
