package dev.weft.ui.render;

import dev.weft.graph.Bounds;
import javafx.scene.canvas.GraphicsContext;

/** The canvas background and its grid, with a spacing that stays between 12 and 60 pixels on screen. */
final class GridPainter {
    private GridPainter() {
    }

    static void paint(RenderContext c) {
        GraphicsContext gc = c.gc();
        Bounds v = c.visible();
        double spacing = 20;
        while (spacing * c.scale() < 12) {
            spacing *= 5;
        }
        gc.setLineWidth(1 / c.scale());
        line(gc, v, spacing, c.palette().color("-color-canvas-grid"), spacing * 5);
        line(gc, v, spacing * 5, c.palette().color("-color-canvas-grid-major"), 0);
    }

    /** One batched path of vertical and horizontal lines every {@code step}, skipping multiples of {@code skip}. */
    private static void line(GraphicsContext gc, Bounds v, double step, javafx.scene.paint.Color color, double skip) {
        gc.setStroke(color);
        gc.beginPath();
        double x0 = Math.floor(v.x() / step) * step;
        for (double x = x0; x <= v.x() + v.width(); x += step) {
            if (skip > 0 && Math.abs(Math.IEEEremainder(x, skip)) < 1e-6) {
                continue;
            }
            gc.moveTo(x, v.y());
            gc.lineTo(x, v.y() + v.height());
        }
        double y0 = Math.floor(v.y() / step) * step;
        for (double y = y0; y <= v.y() + v.height(); y += step) {
            if (skip > 0 && Math.abs(Math.IEEEremainder(y, skip)) < 1e-6) {
                continue;
            }
            gc.moveTo(v.x(), y);
            gc.lineTo(v.x() + v.width(), y);
        }
        gc.stroke();
    }
}
