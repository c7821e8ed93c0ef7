package dev.weft.ui.canvas;

import static dev.weft.ui.canvas.LiteGraphMetrics.REROUTE_RADIUS;
import static dev.weft.ui.canvas.LiteGraphMetrics.SOCKET_PICK;

import com.google.gson.JsonElement;
import dev.weft.graph.Bounds;
import dev.weft.graph.Group;
import dev.weft.graph.Link;
import dev.weft.graph.Point;
import dev.weft.graph.Reroute;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Finds what lies under a canvas point, front to back: nodes (sockets, then title parts,
 * widgets, the resize corner, the body), reroutes, wires, then group title bars and corners.
 */
public final class HitTester {
    /** Pick radius of a wire, in screen pixels. */
    static final double WIRE_PICK_PX = 6;
    /** Pick radius of a socket standing on a widget row, smaller so the widget's arrow stays usable. */
    static final double WIDGET_SOCKET_PICK = 6;

    private final GraphGeometry geometry;

    public HitTester(GraphGeometry geometry) {
        this.geometry = geometry;
    }

    /**
     * @param p the canvas point
     * @param scale the current zoom, so wire picking stays a few pixels wide on screen
     * @param selected selected nodes (drawn on top, so tested first)
     * @param hasBadge whether a node shows a state badge that can be hovered
     */
    public Hit hit(Point p, double scale, Set<Integer> selected, IntPredicate hasBadge) {
        List<NodeLayout> order = geometry.drawOrder(selected);
        for (int i = order.size() - 1; i >= 0; i--) {
            Optional<Hit> h = hitNode(order.get(i), p, hasBadge);
            if (h.isPresent()) {
                return h.get();
            }
        }
        for (Reroute r : geometry.graph().reroutes()) {
            if (Rects.distance(r.pos(), p) <= REROUTE_RADIUS + 3) {
                return new Hit.Reroute(r.id());
            }
        }
        Optional<Hit> wire = hitWire(p, WIRE_PICK_PX / scale);
        if (wire.isPresent()) {
            return wire.get();
        }
        List<Group> groups = geometry.graph().groups();
        for (int i = groups.size() - 1; i >= 0; i--) {
            Group g = groups.get(i);
            if (contains(GraphGeometry.groupResizeHandle(g), p)) {
                return new Hit.GroupResize(i);
            }
            if (contains(GraphGeometry.groupTitle(g), p)) {
                return new Hit.GroupTitle(i);
            }
        }
        return new Hit.Empty();
    }

    /** Only the nodes' sockets: the input or output nearest {@code p} within pick range. */
    public Optional<Hit> socketAt(Point p, Set<Integer> selected) {
        List<NodeLayout> order = geometry.drawOrder(selected);
        for (int i = order.size() - 1; i >= 0; i--) {
            Optional<Hit> h = socket(order.get(i), p);
            if (h.isPresent()) {
                return h;
            }
        }
        return Optional.empty();
    }

    /** The topmost node whose frame contains {@code p}. */
    public Optional<NodeLayout> nodeAt(Point p, Set<Integer> selected) {
        List<NodeLayout> order = geometry.drawOrder(selected);
        for (int i = order.size() - 1; i >= 0; i--) {
            if (contains(order.get(i).frame(), p)) {
                return Optional.of(order.get(i));
            }
        }
        return Optional.empty();
    }

    private Optional<Hit> hitNode(NodeLayout l, Point p, IntPredicate hasBadge) {
        if (!contains(Rects.inflate(l.frame(), SOCKET_PICK), p)) {
            return Optional.empty();
        }
        Optional<Hit> s = socket(l, p);
        if (s.isPresent()) {
            return s;
        }
        if (!contains(l.frame(), p)) {
            return Optional.empty();
        }
        int id = l.nodeId();
        if (contains(l.titleBar(), p)) {
            if (Rects.distance(l.collapseToggle(), p) <= 10) {
                return Optional.of(new Hit.CollapseToggle(id));
            }
            if (hasBadge.test(id) && contains(l.badge(), p)) {
                return Optional.of(new Hit.Badge(id));
            }
            return Optional.of(new Hit.Title(id));
        }
        for (WidgetBox w : l.widgets()) {
            if (contains(w.rect(), p)) {
                return Optional.of(widgetHit(l, w, p));
            }
        }
        if (!l.collapsed() && contains(l.resizeHandle(), p)) {
            return Optional.of(new Hit.ResizeHandle(id));
        }
        return Optional.of(new Hit.Body(id));
    }

    private static Optional<Hit> socket(NodeLayout l, Point p) {
        for (int j = 0; j < l.outputs().size(); j++) {
            Point c = l.outputs().get(j);
            if (c != null && Rects.distance(c, p) <= SOCKET_PICK) {
                return Optional.of(new Hit.OutputSocket(l.nodeId(), j, c));
            }
        }
        for (int i = 0; i < l.inputs().size(); i++) {
            Point c = l.inputs().get(i);
            double pick = l.inputOnRow(i) ? SOCKET_PICK : WIDGET_SOCKET_PICK;
            if (c != null && Rects.distance(c, p) <= pick
                    && (l.inputOnRow(i) || p.x() <= c.x() + WIDGET_SOCKET_PICK / 2)) {
                return Optional.of(new Hit.InputSocket(l.nodeId(), i, c));
            }
        }
        return Optional.empty();
    }

    private static Hit widgetHit(NodeLayout l, WidgetBox w, Point p) {
        Bounds r = w.rect();
        WidgetPart part = WidgetPart.BODY;
        int row = 0;
        if (w.style() == WidgetStyle.ROW_LIST) {
            int rows = l.node().widgetValue(w.index()).filter(JsonElement::isJsonArray)
                    .map(e -> e.getAsJsonArray().size()).orElse(0);
            int[] rowOut = new int[1];
            part = RowListGeometry.partAt(r, rows, p.x(), p.y(), rowOut);
            row = rowOut[0];
        } else if (w.style() == WidgetStyle.NUMBER || w.style() == WidgetStyle.COMBO) {
            if (p.x() < r.x() + WidgetPart.ARROW_ZONE) {
                part = WidgetPart.DECREMENT;
            } else if (p.x() > r.x() + r.width() - WidgetPart.ARROW_ZONE) {
                part = WidgetPart.INCREMENT;
            }
        }
        return new Hit.Widget(l.nodeId(), w, part, row);
    }

    private Optional<Hit> hitWire(Point p, double tolerance) {
        Bounds probe = new Bounds(p.x() - tolerance, p.y() - tolerance, 2 * tolerance, 2 * tolerance);
        Hit best = null;
        double bestD = tolerance;
        for (Link link : geometry.graph().links()) {
            Optional<WirePath> w = geometry.wire(link);
            if (w.isEmpty() || !Rects.intersects(w.get().bounds(), probe)) {
                continue;
            }
            double d = w.get().distanceTo(p);
            if (d <= bestD) {
                bestD = d;
                best = new Hit.Wire(link.id(), w.get().nearestPiece(p), p);
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean contains(Bounds b, Point p) {
        return b.contains(p);
    }
}
