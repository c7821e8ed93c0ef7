package dev.weft.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only code that mutates a graph's state. Before it changes an entry for the first time it
 * remembers the entry's old value (and the old order of a table when an entry is inserted or
 * removed), so {@link #toPatch()} is the exact inverse of everything done through it.
 */
final class Recorder {
    private final Graph graph;
    private final Tracked<Node> nodes;
    private final Tracked<Link> links;
    private final Tracked<Reroute> reroutes;
    private List<Group> groupsBefore;
    private Counters countersBefore;

    Recorder(Graph graph) {
        this.graph = graph;
        this.nodes = new Tracked<>(graph.nodeTable);
        this.links = new Tracked<>(graph.linkTable);
        this.reroutes = new Tracked<>(graph.rerouteTable);
    }

    Graph graph() {
        return graph;
    }

    void putNode(Node n) {
        nodes.put(n.id(), n);
    }

    void removeNode(int id) {
        nodes.remove(id);
    }

    void putLink(Link l) {
        links.put(l.id(), l);
    }

    void removeLink(int id) {
        links.remove(id);
    }

    void putReroute(Reroute r) {
        reroutes.put(r.id(), r);
    }

    void removeReroute(int id) {
        reroutes.remove(id);
    }

    void setGroups(List<Group> groups) {
        if (groupsBefore == null) {
            groupsBefore = List.copyOf(graph.groupList);
        }
        graph.groupList.clear();
        graph.groupList.addAll(groups);
    }

    void setCounters(Counters c) {
        if (countersBefore == null) {
            countersBefore = graph.counters;
        }
        graph.counters = c;
    }

    /** Replays a patch through this recorder, so the patch's own inverse is recorded too. */
    void restore(Patch p) {
        nodes.restore(p.nodes(), p.nodeOrder());
        links.restore(p.links(), p.linkOrder());
        reroutes.restore(p.reroutes(), p.rerouteOrder());
        if (p.groups() != null) {
            setGroups(p.groups());
        }
        if (p.counters() != null) {
            setCounters(p.counters());
        }
    }

    Patch toPatch() {
        return new Patch(nodes.before, nodes.orderBefore, links.before, links.orderBefore, reroutes.before,
                reroutes.orderBefore, groupsBefore, countersBefore);
    }

    /** Undoes everything done through this recorder (used when an edit fails half way). */
    void rollBack() {
        new Recorder(graph).restore(toPatch());
    }

    /** One id-keyed, ordered table of the graph with its recorded old state. */
    private static final class Tracked<V> {
        final LinkedHashMap<Integer, V> live;
        final Map<Integer, V> before = new LinkedHashMap<>();
        List<Integer> orderBefore;

        Tracked(LinkedHashMap<Integer, V> live) {
            this.live = live;
        }

        void put(int id, V v) {
            touch(id);
            if (!live.containsKey(id)) {
                snapshotOrder();
            }
            live.put(id, v);
        }

        void remove(int id) {
            if (!live.containsKey(id)) {
                return;
            }
            touch(id);
            snapshotOrder();
            live.remove(id);
        }

        void restore(Map<Integer, V> values, List<Integer> order) {
            values.forEach((id, v) -> {
                if (v == null) {
                    remove(id);
                } else {
                    put(id, v);
                }
            });
            if (order != null) {
                reorder(order);
            }
        }

        private void reorder(List<Integer> order) {
            if (!new ArrayList<>(live.keySet()).equals(order)) {
                snapshotOrder();
                LinkedHashMap<Integer, V> copy = new LinkedHashMap<>(live);
                live.clear();
                for (Integer id : order) {
                    if (copy.containsKey(id)) {
                        live.put(id, copy.remove(id));
                    }
                }
                live.putAll(copy); // nothing is left here when the patch is consistent
            }
        }

        private void touch(int id) {
            if (!before.containsKey(id)) {
                before.put(id, live.get(id));
            }
        }

        private void snapshotOrder() {
            if (orderBefore == null) {
                orderBefore = List.copyOf(live.keySet());
            }
        }
    }
}
