package dev.weft.graph;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node graph: nodes, links, groups and native reroutes, plus the workflow's top-level JSON that
 * the model does not interpret (kept for write-back).
 *
 * <p>State changes only through {@link #apply(GraphEdit)}, which notifies listeners after each
 * edit. Nodes, links, groups and reroutes are immutable values; the getters return snapshots.
 *
 * <p>Not thread-safe: one thread (the UI thread) owns a graph. Hand another thread a
 * {@link #copy()}.
 *
 * <p>Invariant: every link's endpoints exist; the target input's {@code link} is the link's id and
 * the origin output's {@code links} contains it; no input or output refers to a link that does not
 * exist.
 */
public final class Graph {
    final LinkedHashMap<Integer, Node> nodeTable = new LinkedHashMap<>();
    final LinkedHashMap<Integer, Link> linkTable = new LinkedHashMap<>();
    final LinkedHashMap<Integer, Reroute> rerouteTable = new LinkedHashMap<>();
    final List<Group> groupList = new ArrayList<>();
    Counters counters = Counters.ZERO;
    private final JsonObject passthrough;
    private final List<GraphListener> listeners = new CopyOnWriteArrayList<>();

    /** An empty graph that will be written as a version 0.4 workflow. */
    public Graph() {
        this(new JsonObject());
    }

    private Graph(JsonObject passthrough) {
        this.passthrough = passthrough.deepCopy();
    }

    /**
     * Builds a graph from parts, checking the invariant.
     *
     * @param passthrough the workflow's top-level JSON the model does not own; see
     *     {@link #passthrough()}
     * @throws IllegalArgumentException naming the offending node or link when the parts are
     *     inconsistent
     */
    public static Graph of(Collection<Node> nodes, Collection<Link> links, List<Group> groups,
            Collection<Reroute> reroutes, Counters counters, JsonObject passthrough) {
        Graph g = new Graph(passthrough == null ? new JsonObject() : passthrough);
        for (Node n : nodes) {
            if (g.nodeTable.put(n.id(), n) != null) {
                throw new IllegalArgumentException("node id " + n.id() + " is used twice");
            }
        }
        for (Link l : links) {
            if (g.linkTable.put(l.id(), l) != null) {
                throw new IllegalArgumentException("link id " + l.id() + " is used twice");
            }
        }
        for (Reroute r : reroutes) {
            if (g.rerouteTable.put(r.id(), r) != null) {
                throw new IllegalArgumentException("reroute id " + r.id() + " is used twice");
            }
        }
        g.groupList.addAll(groups);
        g.counters = counters;
        g.checkInvariant();
        return g;
    }

    /** An independent copy with the same state and no listeners. */
    public Graph copy() {
        return of(nodeTable.values(), linkTable.values(), groupList, rerouteTable.values(), counters, passthrough);
    }

    // ---- reading

    /** Nodes in file order. */
    public List<Node> nodes() {
        return List.copyOf(nodeTable.values());
    }

    public Optional<Node> node(int id) {
        return Optional.ofNullable(nodeTable.get(id));
    }

    /** @throws NoSuchElementException when there is no such node */
    public Node requireNode(int id) {
        Node n = nodeTable.get(id);
        if (n == null) {
            throw new NoSuchElementException("the graph has no node " + id);
        }
        return n;
    }

    public int nodeCount() {
        return nodeTable.size();
    }

    /** Links in file order. */
    public List<Link> links() {
        return List.copyOf(linkTable.values());
    }

    public Optional<Link> link(int id) {
        return Optional.ofNullable(linkTable.get(id));
    }

    /** The link plugged into input {@code inputIndex} of a node, if any. */
    public Optional<Link> inputLink(int nodeId, int inputIndex) {
        Node n = nodeTable.get(nodeId);
        if (n == null || inputIndex < 0 || inputIndex >= n.inputs().size()) {
            return Optional.empty();
        }
        Integer id = n.inputs().get(inputIndex).link();
        return id == null ? Optional.empty() : link(id);
    }

    /** Links leaving a node, in link order. */
    public List<Link> linksFrom(int nodeId) {
        return linkTable.values().stream().filter(l -> l.originId() == nodeId).toList();
    }

    /** Links entering a node, in link order. */
    public List<Link> linksInto(int nodeId) {
        return linkTable.values().stream().filter(l -> l.targetId() == nodeId).toList();
    }

    public List<Group> groups() {
        return List.copyOf(groupList);
    }

    public List<Reroute> reroutes() {
        return List.copyOf(rerouteTable.values());
    }

    public Optional<Reroute> reroute(int id) {
        return Optional.ofNullable(rerouteTable.get(id));
    }

    public Counters counters() {
        return counters;
    }

    /** The id a new node should take. */
    public int nextNodeId() {
        int max = nodeTable.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        return Math.max(counters.lastNodeId(), max) + 1;
    }

    public int nextGroupId() {
        int max = groupList.stream().filter(g -> g.id() != null).mapToInt(Group::id).max().orElse(0);
        return Math.max(counters.lastGroupId(), max) + 1;
    }

    public int nextRerouteId() {
        int max = rerouteTable.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        return Math.max(counters.lastRerouteId(), max) + 1;
    }

    /**
     * A copy of the workflow's top-level JSON that the model does not own ({@code id},
     * {@code revision}, {@code config}, {@code extra}, {@code models}, {@code definitions},
     * {@code floatingLinks}, {@code version}, unknown keys), in file order. Keys whose content the
     * model owns ({@code nodes}, {@code links}, counters, reroutes, ...) appear with a JSON null
     * placeholder that only records their position; the workflow writer fills them in.
     */
    public JsonObject passthrough() {
        return passthrough.deepCopy();
    }

    // ---- changing

    /**
     * Applies an edit, then tells every listener. If the edit fails the graph is left as it was and
     * the exception propagates.
     */
    public AppliedEdit apply(GraphEdit edit) {
        Recorder rec = new Recorder(this);
        try {
            EditInterpreter.run(edit, rec);
            checkInvariantCheaply(rec);
        } catch (RuntimeException e) {
            rec.rollBack();
            throw e;
        }
        AppliedEdit applied = new AppliedEdit(edit, rec.toPatch());
        for (GraphListener l : listeners) {
            l.graphChanged(this, applied);
        }
        return applied;
    }

    public void addListener(GraphListener l) {
        listeners.add(l);
    }

    public void removeListener(GraphListener l) {
        listeners.remove(l);
    }

    // ---- invariant

    private void checkInvariantCheaply(Recorder rec) {
        // Edits are written to keep the invariant; a full check costs O(graph) per slider tick,
        // so only the nodes and links the edit touched are checked.
        Patch p = rec.toPatch();
        for (Integer id : p.linkIds()) {
            Link l = linkTable.get(id);
            if (l != null) {
                checkLink(l);
            }
        }
        for (Integer id : p.nodeIds()) {
            Node n = nodeTable.get(id);
            if (n != null) {
                checkNodeRefs(n);
            }
        }
    }

    private void checkInvariant() {
        linkTable.values().forEach(this::checkLink);
        nodeTable.values().forEach(this::checkNodeRefs);
    }

    private void checkLink(Link l) {
        Node o = nodeTable.get(l.originId());
        Node t = nodeTable.get(l.targetId());
        if (o == null || t == null) {
            throw new IllegalArgumentException("link " + l.id() + " refers to missing node "
                    + (o == null ? l.originId() : l.targetId()));
        }
        if (l.originSlot() < 0 || l.originSlot() >= o.outputs().size()) {
            throw new IllegalArgumentException("link " + l.id() + " leaves output " + l.originSlot() + " of node "
                    + o.id() + " (" + o.type() + "), which has " + o.outputs().size() + " outputs");
        }
        if (l.targetSlot() < 0 || l.targetSlot() >= t.inputs().size()) {
            throw new IllegalArgumentException("link " + l.id() + " enters input " + l.targetSlot() + " of node "
                    + t.id() + " (" + t.type() + "), which has " + t.inputs().size() + " inputs");
        }
        if (!Integer.valueOf(l.id()).equals(t.inputs().get(l.targetSlot()).link())) {
            throw new IllegalArgumentException("link " + l.id() + " enters input " + l.targetSlot() + " of node "
                    + t.id() + " but that input refers to link " + t.inputs().get(l.targetSlot()).link());
        }
        if (!o.outputs().get(l.originSlot()).linkIds().contains(l.id())) {
            throw new IllegalArgumentException("link " + l.id() + " leaves output " + l.originSlot() + " of node "
                    + o.id() + " but that output does not list it");
        }
    }

    private void checkNodeRefs(Node n) {
        for (int i = 0; i < n.inputs().size(); i++) {
            Integer id = n.inputs().get(i).link();
            if (id != null) {
                Link l = linkTable.get(id);
                if (l == null || l.targetId() != n.id() || l.targetSlot() != i) {
                    throw new IllegalArgumentException("input " + i + " of node " + n.id() + " (" + n.type()
                            + ") refers to link " + id + ", which does not enter it");
                }
            }
        }
        for (int j = 0; j < n.outputs().size(); j++) {
            for (Integer id : n.outputs().get(j).linkIds()) {
                Link l = linkTable.get(id);
                if (l == null || l.originId() != n.id() || l.originSlot() != j) {
                    throw new IllegalArgumentException("output " + j + " of node " + n.id() + " (" + n.type()
                            + ") lists link " + id + ", which does not leave it");
                }
            }
        }
    }
}
