package dev.weft.ui.render;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.shape.ArcType;

/**
 * Rounded shapes built from axis-aligned rectangles plus small corner arcs. With the software
 * pipeline a filled rectangle takes a fast path, while any other shape is anti-aliased pixel by
 * pixel over its whole bounding box; a node-sized rounded rectangle costs many times more than
 * the same area as three rectangles and four quarter discs. The pieces do not overlap, so
 * translucent fills stay even.
 */
final class Shapes {
    private Shapes() {
    }

    /** A filled rectangle with all four corners rounded by {@code r}. */
    static void fillRounded(GraphicsContext gc, double x, double y, double w, double h, double r) {
        r = Math.min(r, Math.min(w, h) / 2);
        if (r <= 0.5) {
            gc.fillRect(x, y, w, h);
            return;
        }
        gc.fillRect(x, y + r, w, h - 2 * r);
        gc.fillRect(x + r, y, w - 2 * r, r);
        gc.fillRect(x + r, y + h - r, w - 2 * r, r);
        double d = 2 * r;
        gc.fillArc(x, y, d, d, 90, 90, ArcType.ROUND);
        gc.fillArc(x + w - d, y, d, d, 0, 90, ArcType.ROUND);
        gc.fillArc(x, y + h - d, d, d, 180, 90, ArcType.ROUND);
        gc.fillArc(x + w - d, y + h - d, d, d, 270, 90, ArcType.ROUND);
    }

    /** A filled rectangle with only its top corners rounded (a title bar). */
    static void fillTopRounded(GraphicsContext gc, double x, double y, double w, double h, double r) {
        r = Math.min(r, Math.min(w / 2, h));
        gc.fillRect(x, y + r, w, h - r);
        gc.fillRect(x + r, y, w - 2 * r, r);
        double d = 2 * r;
        gc.fillArc(x, y, d, d, 90, 90, ArcType.ROUND);
        gc.fillArc(x + w - d, y, d, d, 0, 90, ArcType.ROUND);
    }

    /** A filled rectangle with only its bottom corners rounded (a node body under its title bar). */
    static void fillBottomRounded(GraphicsContext gc, double x, double y, double w, double h, double r) {
        r = Math.min(r, Math.min(w / 2, h));
        gc.fillRect(x, y, w, h - r);
        gc.fillRect(x + r, y + h - r, w - 2 * r, r);
        double d = 2 * r;
        gc.fillArc(x, y + h - d, d, d, 180, 90, ArcType.ROUND);
        gc.fillArc(x + w - d, y + h - d, d, d, 270, 90, ArcType.ROUND);
    }

    /** A pill: a rectangle whose short sides are half discs. */
    static void fillPill(GraphicsContext gc, double x, double y, double w, double h) {
        double r = Math.min(h, w) / 2;
        gc.fillRect(x + r, y, w - 2 * r, h);
        gc.fillArc(x, y, 2 * r, h, 90, 180, ArcType.ROUND);
        gc.fillArc(x + w - 2 * r, y, 2 * r, h, 270, 180, ArcType.ROUND);
    }

    /** The outline of a rounded rectangle in {@code color}, {@code lw} wide, drawn inside its bounds. */
    static void strokeRounded(GraphicsContext gc, double x, double y, double w, double h, double r, double lw,
            Paint color) {
        r = Math.min(r, Math.min(w, h) / 2);
        gc.setFill(color);
        gc.setStroke(color);
        gc.fillRect(x + r, y, w - 2 * r, lw);
        gc.fillRect(x + r, y + h - lw, w - 2 * r, lw);
        gc.fillRect(x, y + r, lw, h - 2 * r);
        gc.fillRect(x + w - lw, y + r, lw, h - 2 * r);
        if (r > 0.5) {
            double d = 2 * r - lw;
            double o = lw / 2;
            gc.setLineWidth(lw);
            gc.strokeArc(x + o, y + o, d, d, 90, 90, ArcType.OPEN);
            gc.strokeArc(x + w - d - o, y + o, d, d, 0, 90, ArcType.OPEN);
            gc.strokeArc(x + o, y + h - d - o, d, d, 180, 90, ArcType.OPEN);
            gc.strokeArc(x + w - d - o, y + h - d - o, d, d, 270, 90, ArcType.OPEN);
        }
    }
}
