package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Point;

/**
 * The canvas camera, in LiteGraph's convention ({@code extra.ds} of a workflow):
 * {@code screen = (canvas + offset) * scale}. Mutable; one thread (the UI thread) owns it.
 * Every change bumps {@link #version()} so a renderer can tell whether it must redraw.
 */
public final class Viewport {
    public static final double MIN_SCALE = 0.1;
    public static final double MAX_SCALE = 10;

    private double offsetX;
    private double offsetY;
    private double scale = 1;
    private long version;

    /** The camera as stored in a workflow: offset in canvas units, scale as a factor. */
    public record State(double offsetX, double offsetY, double scale) {
    }

    public double offsetX() {
        return offsetX;
    }

    public double offsetY() {
        return offsetY;
    }

    public double scale() {
        return scale;
    }

    /** Increases on every change. */
    public long version() {
        return version;
    }

    public State state() {
        return new State(offsetX, offsetY, scale);
    }

    public void set(State s) {
        set(s.offsetX(), s.offsetY(), s.scale());
    }

    public void set(double ox, double oy, double s) {
        offsetX = ox;
        offsetY = oy;
        scale = clampScale(s);
        version++;
    }

    public Point toScreen(Point canvas) {
        return new Point((canvas.x() + offsetX) * scale, (canvas.y() + offsetY) * scale);
    }

    public Point toCanvas(double screenX, double screenY) {
        return new Point(screenX / scale - offsetX, screenY / scale - offsetY);
    }

    /** Moves the picture by a screen distance. */
    public void panBy(double dxScreen, double dyScreen) {
        set(offsetX + dxScreen / scale, offsetY + dyScreen / scale, scale);
    }

    /**
     * Multiplies the scale by {@code factor} (clamped to [{@link #MIN_SCALE}, {@link #MAX_SCALE}])
     * keeping the canvas point under the screen point {@code (sx, sy)} where it is.
     */
    public void zoomAround(double factor, double sx, double sy) {
        Point anchor = toCanvas(sx, sy);
        double s = clampScale(scale * factor);
        // solve (anchor + offset') * s = screen for offset'
        set(sx / s - anchor.x(), sy / s - anchor.y(), s);
    }

    /**
     * Centres {@code content} in a view of {@code viewWidth x viewHeight} pixels with
     * {@code margin} pixels to spare on each side, zooming so it fits but never beyond
     * {@code maxScale}.
     */
    public void fit(Bounds content, double viewWidth, double viewHeight, double margin, double maxScale) {
        double w = Math.max(1, content.width());
        double h = Math.max(1, content.height());
        double availW = Math.max(1, viewWidth - 2 * margin);
        double availH = Math.max(1, viewHeight - 2 * margin);
        double s = clampScale(Math.min(maxScale, Math.min(availW / w, availH / h)));
        double cx = content.x() + content.width() / 2;
        double cy = content.y() + content.height() / 2;
        set(viewWidth / (2 * s) - cx, viewHeight / (2 * s) - cy, s);
    }

    /** Puts canvas point {@code c} at the centre of a view of the given size, keeping the scale. */
    public void centreOn(Point c, double viewWidth, double viewHeight) {
        set(viewWidth / (2 * scale) - c.x(), viewHeight / (2 * scale) - c.y(), scale);
    }

    /** The canvas rectangle a view of the given pixel size shows. */
    public Bounds visibleArea(double viewWidth, double viewHeight) {
        Point tl = toCanvas(0, 0);
        return new Bounds(tl.x(), tl.y(), viewWidth / scale, viewHeight / scale);
    }

    private static double clampScale(double s) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("zoom scale must be a positive number, not " + s);
        }
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
