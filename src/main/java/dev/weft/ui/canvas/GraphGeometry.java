package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Graph;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import dev.weft.graph.Reroute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Geometry of a whole graph built on the layout cache: node layouts in drawing order, wire paths,
 * group title bars and the graph's extent. Shared by the renderer and the hit tester so both see
 * the same picture.
 */
public final class GraphGeometry {
    private final Graph graph;
    private final LayoutCache layouts;

    public GraphGeometry(Graph graph, LayoutCache layouts) {
        this.graph = graph;
        this.layouts = layouts;
    }

    public Graph graph() {
        return graph;
    }

    public NodeLayout layout(Node n) {
        return layouts.get(graph, n);
    }

    public Optional<NodeLayout> layout(int nodeId) {
        return layouts.get(graph, nodeId);
    }

    /** Layouts in drawing order: file order, with the selected nodes last (on top). */
    public List<NodeLayout> drawOrder(Set<Integer> selected) {
        List<NodeLayout> out = new ArrayList<>(graph.nodeCount());
        List<NodeLayout> top = new ArrayList<>();
        for (Node n : graph.nodes()) {
            (selected.contains(n.id()) ? top : out).add(layout(n));
        }
        out.addAll(top);
        return out;
    }

    /** The reroutes a link passes, in order from its origin. */
    public List<Reroute> rerouteChain(Link l) {
        List<Reroute> chain = new ArrayList<>();
        Integer id = l.parentId();
        // a corrupt file could make a loop; a chain can never be longer than the reroute table
        int guard = graph.reroutes().size();
        while (id != null && guard-- >= 0) {
            Optional<Reroute> r = graph.reroute(id);
            if (r.isEmpty()) {
                break;
            }
            chain.add(r.get());
            id = r.get().parentId();
        }
        Collections.reverse(chain);
        return chain;
    }

    /** The drawn path of a link, or empty when an endpoint has no socket position. */
    public Optional<WirePath> wire(Link l) {
        Optional<Node> o = graph.node(l.originId());
        Optional<Node> t = graph.node(l.targetId());
        if (o.isEmpty() || t.isEmpty()) {
            return Optional.empty();
        }
        NodeLayout ol = layout(o.get());
        NodeLayout tl = layout(t.get());
        if (l.originSlot() >= ol.outputs().size() || l.targetSlot() >= tl.inputs().size()) {
            return Optional.empty();
        }
        Point from = ol.outputs().get(l.originSlot());
        Point to = tl.inputs().get(l.targetSlot());
        if (from == null || to == null) {
            return Optional.empty();
        }
        List<Reroute> chain = graph.reroutes().isEmpty() ? List.of() : rerouteChain(l);
        return Optional.of(WirePath.through(l.id(), from, chain.stream().map(Reroute::pos).toList(),
                chain.stream().map(Reroute::id).toList(), to));
    }

    /** The title bar of a group. */
    public static Bounds groupTitle(dev.weft.graph.Group g) {
        double fs = g.fontSize() == null ? LiteGraphMetrics.GROUP_FONT : g.fontSize();
        Bounds b = g.bounding();
        return new Bounds(b.x(), b.y(), b.width(), LiteGraphMetrics.groupTitleHeight(fs));
    }

    public static Bounds groupResizeHandle(dev.weft.graph.Group g) {
        Bounds b = g.bounding();
        double s = LiteGraphMetrics.RESIZE_HANDLE * 1.5;
        return new Bounds(b.x() + b.width() - s, b.y() + b.height() - s, s, s);
    }

    /** The box around every node, group and reroute, or empty for an empty graph. */
    public Optional<Bounds> extent() {
        List<Bounds> all = new ArrayList<>();
        for (Node n : graph.nodes()) {
            all.add(layout(n).frame());
        }
        graph.groups().forEach(g -> all.add(g.bounding()));
        graph.reroutes().forEach(r -> all.add(new Bounds(r.pos().x(), r.pos().y(), 0, 0)));
        return Rects.union(all);
    }

    /** The box around the given nodes' frames. */
    public Optional<Bounds> extentOf(Set<Integer> nodeIds) {
        List<Bounds> all = new ArrayList<>();
        for (int id : nodeIds) {
            layout(id).ifPresent(l -> all.add(l.frame()));
        }
        return Rects.union(all);
    }
}
