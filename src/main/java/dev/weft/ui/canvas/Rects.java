package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Point;
import java.util.Collection;
import java.util.Optional;

/** Small rectangle helpers over {@link Bounds}. */
public final class Rects {
    private Rects() {
    }

    public static boolean intersects(Bounds a, Bounds b) {
        return a.x() <= b.x() + b.width() && b.x() <= a.x() + a.width()
                && a.y() <= b.y() + b.height() && b.y() <= a.y() + a.height();
    }

    /** Whether {@code inner} lies completely inside {@code outer}. */
    public static boolean contains(Bounds outer, Bounds inner) {
        return inner.x() >= outer.x() && inner.y() >= outer.y()
                && inner.x() + inner.width() <= outer.x() + outer.width()
                && inner.y() + inner.height() <= outer.y() + outer.height();
    }

    public static Point centre(Bounds b) {
        return new Point(b.x() + b.width() / 2, b.y() + b.height() / 2);
    }

    /** The rectangle spanned by two corners, in any order. */
    public static Bounds spanning(Point a, Point b) {
        return new Bounds(Math.min(a.x(), b.x()), Math.min(a.y(), b.y()), Math.abs(a.x() - b.x()),
                Math.abs(a.y() - b.y()));
    }

    public static Bounds union(Bounds a, Bounds b) {
        double x0 = Math.min(a.x(), b.x());
        double y0 = Math.min(a.y(), b.y());
        double x1 = Math.max(a.x() + a.width(), b.x() + b.width());
        double y1 = Math.max(a.y() + a.height(), b.y() + b.height());
        return new Bounds(x0, y0, x1 - x0, y1 - y0);
    }

    public static Optional<Bounds> union(Collection<Bounds> all) {
        Bounds u = null;
        for (Bounds b : all) {
            u = u == null ? b : union(u, b);
        }
        return Optional.ofNullable(u);
    }

    public static Bounds inflate(Bounds b, double d) {
        return new Bounds(b.x() - d, b.y() - d, b.width() + 2 * d, b.height() + 2 * d);
    }

    public static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
