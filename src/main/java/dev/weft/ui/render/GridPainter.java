package dev.weft.ui.render;

import dev.weft.graph.Bounds;
import javafx.scene.canvas.GraphicsContext;

/**
 * The canvas background and its grid, with a spacing that stays between 12 and 60 pixels on screen.
 * Lines are thin filled rectangles: with the software pipeline one stroked path of grid lines
 * costs several times more to rasterise than the same lines filled.
 */
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
        double px = 1 / c.scale();
        line(gc, v, spacing, px, c.palette().color("-color-canvas-grid"), spacing * 5);
        line(gc, v, spacing * 5, px, c.palette().color("-color-canvas-grid-major"), 0);
    }

    /** Vertical and horizontal lines {@code px} wide every {@code step}, skipping multiples of {@code skip}. */
    private static void line(GraphicsContext gc, Bounds v, double step, double px, javafx.scene.paint.Color color,
            double skip) {
        gc.setFill(color);
        double x0 = Math.floor(v.x() / step) * step;
        for (double x = x0; x <= v.x() + v.width(); x += step) {
            if (skip <= 0 || Math.abs(Math.IEEEremainder(x, skip)) > 1e-6) {
                gc.fillRect(x, v.y(), px, v.height());
            }
        }
        double y0 = Math.floor(v.y() / step) * step;
        for (double y = y0; y <= v.y() + v.height(); y += step) {
            if (skip <= 0 || Math.abs(Math.IEEEremainder(y, skip)) > 1e-6) {
                gc.fillRect(v.x(), y, v.width(), px);
            }
        }
    }
}
