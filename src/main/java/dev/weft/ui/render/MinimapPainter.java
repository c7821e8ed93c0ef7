package dev.weft.ui.render;

import dev.weft.graph.Bounds;
import dev.weft.graph.Node;
import dev.weft.graph.NodeMode;
import dev.weft.ui.canvas.MinimapGeometry;
import dev.weft.ui.model.NodeStatus;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** The minimap, in screen pixels: nodes as blocks (bypassed and failed ones marked) and the view's frame. */
final class MinimapPainter {
    private MinimapPainter() {
    }

    static void paint(RenderContext c, MinimapGeometry m) {
        GraphicsContext gc = c.gc();
        Bounds p = m.panel();
        gc.setFill(c.palette().color("-color-minimap-bg").deriveColor(0, 1, 1, 0.85));
        Shapes.fillRounded(gc, p.x(), p.y(), p.width(), p.height(), 6);
        Shapes.strokeRounded(gc, p.x(), p.y(), p.width(), p.height(), 6, 1, c.palette().color("-color-node-border"));
        for (dev.weft.graph.Group g : c.model().graph().groups()) {
            Bounds b = m.toPanel(g.bounding());
            gc.setFill(Colors.parse(g.color(), Color.web("#3f789e")).deriveColor(0, 1, 1, 0.3));
            gc.fillRect(b.x(), b.y(), b.width(), b.height());
        }
        Color node = c.palette().color("-color-minimap-node");
        Color bypass = c.palette().color("-color-bypass");
        Color error = c.palette().color("-color-state-error");
        for (Node n : c.model().graph().nodes()) {
            Bounds b = m.toPanel(c.geometry().layout(n).frame());
            Color col = n.mode() == NodeMode.BYPASS ? bypass
                    : c.model().runs().node(n.id()).status() == NodeStatus.ERROR ? error : node;
            gc.setFill(col);
            gc.fillRect(b.x(), b.y(), Math.max(1, b.width()), Math.max(1, b.height()));
        }
        Bounds v = m.toPanel(c.visible());
        double x0 = Math.max(p.x(), v.x());
        double y0 = Math.max(p.y(), v.y());
        double x1 = Math.min(p.x() + p.width(), v.x() + v.width());
        double y1 = Math.min(p.y() + p.height(), v.y() + v.height());
        if (x1 > x0 && y1 > y0) {
            Shapes.strokeRounded(gc, x0, y0, x1 - x0, y1 - y0, 0, 1.5, c.palette().color("-color-minimap-view"));
        }
    }
}
