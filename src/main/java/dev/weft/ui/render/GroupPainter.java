package dev.weft.ui.render;

import dev.weft.graph.Bounds;
import dev.weft.graph.Group;
import dev.weft.ui.canvas.GraphGeometry;
import dev.weft.ui.canvas.LiteGraphMetrics;
import dev.weft.ui.canvas.Rects;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/** Groups: a translucent box in the group's colour with its title in the header. */
final class GroupPainter {
    private GroupPainter() {
    }

    static void paint(RenderContext c) {
        GraphicsContext gc = c.gc();
        List<Group> groups = c.model().graph().groups();
        Integer selected = c.model().selection().group();
        Color fallback = Color.web("#3f789e");
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            Bounds b = g.bounding();
            if (!Rects.intersects(b, c.visible())) {
                continue;
            }
            Color col = Colors.parse(g.color(), fallback);
            Bounds head = GraphGeometry.groupTitle(g);
            gc.setFill(col.deriveColor(0, 1, 1, 0.45));
            Shapes.fillTopRounded(gc, head.x(), head.y(), head.width(), head.height(), 4);
            gc.setFill(col.deriveColor(0, 1, 1, 0.22));
            gc.fillRect(b.x(), head.y() + head.height(), b.width(), b.height() - head.height());
            if (!c.lowDetail()) {
                double fs = g.fontSize() == null ? LiteGraphMetrics.GROUP_FONT : g.fontSize();
                c.text(c.text().fit(g.title(), fs, head.width() - 16), head.x() + 8, head.y() + head.height() / 2, fs,
                        c.palette().color("-color-group-fg"), TextAlignment.LEFT);
            }
            if (selected != null && selected == i) {
                Shapes.strokeRounded(gc, b.x(), b.y(), b.width(), b.height(), 4, 2 / c.scale(),
                        c.palette().color("-color-node-selected"));
            }
        }
    }
}
