package dev.weft.ui.render;

import static dev.weft.ui.canvas.LiteGraphMetrics.SOCKET_RADIUS;
import static dev.weft.ui.canvas.LiteGraphMetrics.TEXT_FONT;
import static dev.weft.ui.canvas.LiteGraphMetrics.TITLE_FONT;
import static dev.weft.ui.canvas.LiteGraphMetrics.TITLE_HEIGHT;

import dev.weft.graph.Bounds;
import dev.weft.graph.InputSlot;
import dev.weft.graph.Node;
import dev.weft.graph.NodeMode;
import dev.weft.graph.OutputSlot;
import dev.weft.graph.Point;
import dev.weft.ui.canvas.NodeLayout;
import dev.weft.ui.canvas.WidgetBox;
import dev.weft.ui.canvas.WireEnd;
import dev.weft.ui.canvas.Wiring;
import dev.weft.ui.model.NodeRunState;
import dev.weft.ui.model.NodeStatus;
import java.util.Optional;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * One node: body and title bar, sockets with their names, widgets, images, and the run state
 * (queued, running with a progress bar, cached, done, error). Bypassed nodes get ComfyUI's purple
 * tint; muted nodes are drawn faded; unknown types are red placeholders. At low zoom only the
 * shapes are drawn.
 */
final class NodePainter {
    static final double RADIUS = 8;

    private NodePainter() {
    }

    static void paint(RenderContext c, NodeLayout l, boolean selected, Optional<Wiring> wiring) {
        GraphicsContext gc = c.gc();
        Node n = l.node();
        NodeRunState state = c.model().runs().node(n.id());
        boolean muted = n.mode() == NodeMode.NEVER;
        if (muted) {
            gc.setGlobalAlpha(0.4);
        }
        boolean light = c.palette().light();
        Color body = l.known() ? Colors.nodeColor(n.bgcolor(), c.palette().color("-color-node-bg"), light)
                : c.palette().color("-color-placeholder-bg");
        Color title = l.known() ? Colors.nodeColor(n.color(), c.palette().color("-color-node-title-bg"), light)
                : c.palette().color("-color-placeholder-title");
        Bounds f = l.frame();
        if (c.lowDetail()) {
            gc.setFill(body);
            gc.fillRect(f.x(), f.y(), f.width(), f.height());
            gc.setFill(title);
            gc.fillRect(f.x(), f.y(), f.width(), Math.min(f.height(), TITLE_HEIGHT));
        } else {
            if (l.collapsed()) {
                gc.setFill(title);
                Shapes.fillRounded(gc, f.x(), f.y(), f.width(), f.height(), RADIUS);
            } else {
                gc.setFill(title);
                Shapes.fillTopRounded(gc, f.x(), f.y(), f.width(), TITLE_HEIGHT, RADIUS);
                gc.setFill(body);
                Shapes.fillBottomRounded(gc, f.x(), f.y() + TITLE_HEIGHT, f.width(), f.height() - TITLE_HEIGHT, RADIUS);
            }
            Shapes.strokeRounded(gc, f.x(), f.y(), f.width(), f.height(), RADIUS, 1,
                    l.known() ? c.palette().color("-color-node-border") : c.palette().color("-color-danger-fg"));
            titleText(c, l, state);
            if (!l.collapsed()) {
                sockets(c, l, wiring);
                double bottom = c.visible().y() + c.visible().height();
                for (WidgetBox w : l.widgets()) {
                    if (w.rect().y() <= bottom) {
                        WidgetPainter.paint(c, n, w);
                    }
                }
                MediaPainter.paint(c, l);
            } else {
                collapsedSockets(c, l);
            }
        }
        state(c, l, state);
        if (n.mode() == NodeMode.BYPASS) {
            gc.setFill(c.palette().color("-color-bypass").deriveColor(0, 1, 1, 0.3));
            Shapes.fillRounded(gc, f.x(), f.y(), f.width(), f.height(), RADIUS);
        }
        if (selected) {
            double lw = Math.max(2, 1.5 / c.scale());
            Shapes.strokeRounded(gc, f.x() - 2 - lw, f.y() - 2 - lw, f.width() + 4 + 2 * lw, f.height() + 4 + 2 * lw,
                    RADIUS + 2, lw, c.palette().color("-color-node-selected"));
        }
        if (muted) {
            gc.setGlobalAlpha(1);
        }
    }

    private static void titleText(RenderContext c, NodeLayout l, NodeRunState state) {
        GraphicsContext gc = c.gc();
        Bounds f = l.frame();
        Point t = l.collapseToggle();
        gc.setFill(c.palette().color("-color-node-fg"));
        gc.fillOval(t.x() - 5, t.y() - 5, 10, 10);
        double badge = state.status() == NodeStatus.IDLE ? 8 : 30;
        String text = l.known() ? l.title() : l.title() + " (unknown type)";
        c.text(c.text().fit(text, TITLE_FONT, f.width() - TITLE_HEIGHT - badge), f.x() + TITLE_HEIGHT,
                f.y() + TITLE_HEIGHT / 2, TITLE_FONT, c.palette().color("-color-node-title-fg"), TextAlignment.LEFT);
    }

    private static void sockets(RenderContext c, NodeLayout l, Optional<Wiring> wiring) {
        GraphicsContext gc = c.gc();
        Node n = l.node();
        Optional<WireEnd> wire = c.overlay().wire();
        Color labels = c.palette().color("-color-node-fg");
        for (int i = 0; i < n.inputs().size(); i++) {
            Point p = l.inputs().get(i);
            InputSlot in = n.inputs().get(i);
            boolean onRow = l.inputOnRow(i);
            if (p == null || (!onRow && in.link() == null && wire.isEmpty())) {
                continue;
            }
            boolean fits = wire.isPresent() && wiring.isPresent() && wiring.get().accepts(wire.get(), n, i);
            socket(c, p, c.palette().socket(in.type()), in.link() != null, wire.isPresent() && wire.get().output(), fits);
            if (onRow) {
                String name = in.label() != null ? in.label() : in.name();
                c.text(c.text().fit(name, TEXT_FONT, l.body().width() / 2 - 22), p.x() + 10, p.y(), TEXT_FONT, labels,
                        TextAlignment.LEFT);
            }
        }
        for (int j = 0; j < n.outputs().size(); j++) {
            Point p = l.outputs().get(j);
            OutputSlot out = n.outputs().get(j);
            boolean fits = wire.isPresent() && wiring.isPresent() && wiring.get().acceptsOutput(wire.get(), n, j);
            socket(c, p, c.palette().socket(out.type()), !out.linkIds().isEmpty(), wire.isPresent() && !wire.get().output(),
                    fits);
            String name = out.label() != null ? out.label() : out.name();
            c.text(c.text().fit(name, TEXT_FONT, l.body().width() / 2 - 22), p.x() - 10, p.y(), TEXT_FONT, labels,
                    TextAlignment.RIGHT);
        }
        if (wire.isPresent() && wire.get().output() && wiring.isPresent()) {
            for (WidgetBox w : l.widgets()) {
                if (!w.hasSocket() && wiring.get().acceptsWidget(wire.get(), n, w)) {
                    Point p = new Point(l.body().x() + 10, w.rect().y() + Math.min(w.rect().height(), 20) / 2);
                    socket(c, p, c.palette().socket(w.input().type()), false, true, true);
                }
            }
        }
    }

    /**
     * @param judged whether a wire is being dragged toward sockets of this side
     * @param fits whether this socket can take the dragged wire (lit up) or not (faded)
     */
    private static void socket(RenderContext c, Point p, Color color, boolean connected, boolean judged, boolean fits) {
        GraphicsContext gc = c.gc();
        double r = SOCKET_RADIUS;
        if (judged && !fits) {
            gc.setGlobalAlpha(gc.getGlobalAlpha() * 0.3);
        }
        gc.setFill(color);
        if (connected || (judged && fits)) {
            gc.fillOval(p.x() - r, p.y() - r, 2 * r, 2 * r);
        } else {
            gc.setStroke(color);
            gc.setLineWidth(2);
            gc.strokeOval(p.x() - r + 1, p.y() - r + 1, 2 * r - 2, 2 * r - 2);
        }
        if (judged && fits) {
            gc.setStroke(c.palette().color("-color-accent-emphasis"));
            gc.setLineWidth(2);
            gc.strokeOval(p.x() - r - 3, p.y() - r - 3, 2 * r + 6, 2 * r + 6);
        }
        if (judged && !fits) {
            gc.setGlobalAlpha(gc.getGlobalAlpha() / 0.3);
        }
    }

    private static void collapsedSockets(RenderContext c, NodeLayout l) {
        GraphicsContext gc = c.gc();
        Node n = l.node();
        if (n.inputs().stream().anyMatch(i -> i.link() != null)) {
            Point p = l.inputs().get(0);
            gc.setFill(c.palette().color("-color-link-default"));
            gc.fillOval(p.x() - 4, p.y() - 4, 8, 8);
        }
        if (n.outputs().stream().anyMatch(o -> !o.linkIds().isEmpty())) {
            Point p = l.outputs().get(0);
            gc.setFill(c.palette().color("-color-link-default"));
            gc.fillOval(p.x() - 4, p.y() - 4, 8, 8);
        }
    }

    private static void state(RenderContext c, NodeLayout l, NodeRunState s) {
        if (s.status() == NodeStatus.IDLE) {
            return;
        }
        GraphicsContext gc = c.gc();
        Bounds f = l.frame();
        Color col = switch (s.status()) {
            case QUEUED -> c.palette().color("-color-state-queued");
            case RUNNING -> c.palette().color("-color-state-running");
            case CACHED -> c.palette().color("-color-state-cached");
            case DONE -> c.palette().color("-color-state-done");
            default -> c.palette().color("-color-state-error");
        };
        if (s.status() == NodeStatus.RUNNING || s.status() == NodeStatus.ERROR) {
            double lw = Math.max(3, 2 / c.scale());
            Shapes.strokeRounded(gc, f.x() - lw / 2, f.y() - lw / 2, f.width() + lw, f.height() + lw, RADIUS, lw, col);
        }
        if (s.status() == NodeStatus.RUNNING && s.fraction() >= 0) {
            gc.setFill(col);
            gc.fillRect(f.x() + 2, f.y() + TITLE_HEIGHT - 4, (f.width() - 4) * s.fraction(), 4);
        }
        if (c.lowDetail() || s.status() == NodeStatus.RUNNING) {
            return;
        }
        Bounds b = l.badge();
        gc.setFill(col);
        gc.fillOval(b.x(), b.y(), b.width(), b.height());
        String glyph = switch (s.status()) {
            case QUEUED -> "Q";
            case CACHED -> "C";
            case DONE -> "✓";
            default -> "!";
        };
        c.text(glyph, b.x() + b.width() / 2, b.y() + b.height() / 2, TEXT_FONT, c.palette().color("-color-fg-on-emphasis"),
                TextAlignment.CENTER);
    }
}
