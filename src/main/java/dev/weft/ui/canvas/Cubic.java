package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Point;

/** A cubic Bézier segment of a wire, in canvas units. */
public record Cubic(Point p0, Point c1, Point c2, Point p3) {
    /** Segments sampled when measuring distance; fine enough for a 6 px pick radius. */
    static final int SAMPLES = 24;

    public Point at(double t) {
        double u = 1 - t;
        double a = u * u * u;
        double b = 3 * u * u * t;
        double c = 3 * u * t * t;
        double d = t * t * t;
        return new Point(a * p0.x() + b * c1.x() + c * c2.x() + d * p3.x(),
                a * p0.y() + b * c1.y() + c * c2.y() + d * p3.y());
    }

    /** A box holding the whole curve (the control polygon's box). */
    public Bounds bounds() {
        double x0 = Math.min(Math.min(p0.x(), c1.x()), Math.min(c2.x(), p3.x()));
        double y0 = Math.min(Math.min(p0.y(), c1.y()), Math.min(c2.y(), p3.y()));
        double x1 = Math.max(Math.max(p0.x(), c1.x()), Math.max(c2.x(), p3.x()));
        double y1 = Math.max(Math.max(p0.y(), c1.y()), Math.max(c2.y(), p3.y()));
        return new Bounds(x0, y0, x1 - x0, y1 - y0);
    }

    /** Distance from {@code p} to the curve, measured against a polyline of {@link #SAMPLES} pieces. */
    public double distanceTo(Point p) {
        double best = Double.MAX_VALUE;
        Point prev = p0;
        for (int i = 1; i <= SAMPLES; i++) {
            Point next = at((double) i / SAMPLES);
            best = Math.min(best, segmentDistance(p, prev, next));
            prev = next;
        }
        return best;
    }

    /** The curve parameter of the sample closest to {@code p}. */
    public double closestT(Point p) {
        double best = Double.MAX_VALUE;
        double bestT = 0;
        for (int i = 0; i <= SAMPLES; i++) {
            double t = (double) i / SAMPLES;
            double d = Rects.distance(p, at(t));
            if (d < best) {
                best = d;
                bestT = t;
            }
        }
        return bestT;
    }

    static double segmentDistance(Point p, Point a, Point b) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2;
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy));
    }

    /**
     * LiteGraph's spline between two points that leave and arrive horizontally: each control
     * point sits a quarter of the distance out along the horizontal.
     */
    public static Cubic spline(Point from, Point to) {
        double d = Rects.distance(from, to) * 0.25;
        return new Cubic(from, new Point(from.x() + d, from.y()), new Point(to.x() - d, to.y()), to);
    }
}
