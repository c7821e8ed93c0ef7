package dev.weft.ui.render;

import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import dev.weft.graph.Reroute;
import dev.weft.ui.canvas.Cubic;
import dev.weft.ui.canvas.LiteGraphMetrics;
import dev.weft.ui.canvas.NodeLayout;
import dev.weft.ui.canvas.Rects;
import dev.weft.ui.canvas.WireEnd;
import dev.weft.ui.canvas.WirePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Wires as LiteGraph draws them: splines coloured by type, one batched path per colour (a few
 * stroke calls for hundreds of wires), a centre marker on each at normal zoom, native reroutes as
 * dots, and the wire being dragged.
 */
final class LinkPainter {
    static final double WIDTH = 3;

    private LinkPainter() {
    }

    static void paint(RenderContext c) {
        GraphicsContext gc = c.gc();
        Map<Color, List<WirePath>> byColor = new HashMap<>();
        Map<Integer, Color> rerouteColors = new HashMap<>();
        for (Link l : c.model().graph().links()) {
            Optional<WirePath> w = c.geometry().wire(l);
            if (w.isEmpty() || !Rects.intersects(w.get().bounds(), c.visible())) {
                continue;
            }
            Color col = c.palette().socket(l.type());
            byColor.computeIfAbsent(col, k -> new ArrayList<>()).add(w.get());
            w.get().rerouteIds().forEach(id -> rerouteColors.putIfAbsent(id, col));
        }
        gc.setLineWidth(Math.max(WIDTH, 1.2 / c.scale()));
        for (Map.Entry<Color, List<WirePath>> e : byColor.entrySet()) {
            gc.setStroke(e.getKey());
            gc.beginPath();
            for (WirePath w : e.getValue()) {
                for (Cubic p : w.pieces()) {
                    gc.moveTo(p.p0().x(), p.p0().y());
                    gc.bezierCurveTo(p.c1().x(), p.c1().y(), p.c2().x(), p.c2().y(), p.p3().x(), p.p3().y());
                }
            }
            gc.stroke();
        }
        if (!c.lowDetail()) {
            for (Map.Entry<Color, List<WirePath>> e : byColor.entrySet()) {
                gc.setFill(e.getKey());
                for (WirePath w : e.getValue()) {
                    Point m = w.midpoint();
                    gc.fillOval(m.x() - 4, m.y() - 4, 8, 8);
                }
            }
        }
        paintReroutes(c, rerouteColors);
    }

    private static void paintReroutes(RenderContext c, Map<Integer, Color> colors) {
        GraphicsContext gc = c.gc();
        double r = LiteGraphMetrics.REROUTE_RADIUS;
        Color fallback = c.palette().color("-color-link-default");
        for (Reroute rr : c.model().graph().reroutes()) {
            Point p = rr.pos();
            gc.setFill(colors.getOrDefault(rr.id(), fallback));
            gc.fillOval(p.x() - r, p.y() - r, 2 * r, 2 * r);
            if (c.model().selection().reroutes().contains(rr.id())) {
                gc.setStroke(c.palette().color("-color-node-selected"));
                gc.setLineWidth(2 / c.scale());
                gc.strokeOval(p.x() - r - 2, p.y() - r - 2, 2 * r + 4, 2 * r + 4);
            }
        }
    }

    /** The wire following the pointer while it is dragged. */
    static void paintDragged(RenderContext c) {
        Optional<WireEnd> end = c.overlay().wire();
        if (end.isEmpty() || c.overlay().wireTip() == null) {
            return;
        }
        WireEnd w = end.get();
        Optional<Node> n = c.model().graph().node(w.nodeId());
        if (n.isEmpty()) {
            return;
        }
        NodeLayout l = c.geometry().layout(n.get());
        Point socket = w.output() ? l.outputs().get(w.slot()) : l.inputs().get(w.slot());
        if (socket == null) {
            return;
        }
        Point tip = c.overlay().wireTip();
        Cubic s = w.output() ? Cubic.spline(socket, tip) : Cubic.spline(tip, socket);
        GraphicsContext gc = c.gc();
        gc.setStroke(c.palette().socket(w.type()));
        gc.setLineWidth(WIDTH);
        gc.beginPath();
        gc.moveTo(s.p0().x(), s.p0().y());
        gc.bezierCurveTo(s.c1().x(), s.c1().y(), s.c2().x(), s.c2().y(), s.p3().x(), s.p3().y());
        gc.stroke();
        gc.setFill(c.palette().socket(w.type()));
        gc.fillOval(tip.x() - 4, tip.y() - 4, 8, 8);
    }
}
