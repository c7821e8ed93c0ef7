package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Point;
import java.util.Optional;

/**
 * The minimap in the canvas's bottom-right corner: the graph and the visible area scaled into a
 * fixed panel, and back (a click or drag in the panel centres the view there).
 *
 * @param panel the panel, in screen pixels
 * @param world the canvas area it shows
 * @param scale panel pixels per canvas unit
 * @param originX screen x of the world's left edge inside the panel
 * @param originY screen y of the world's top edge inside the panel
 */
public record MinimapGeometry(Bounds panel, Bounds world, double scale, double originX, double originY) {
    public static final double WIDTH = 200;
    public static final double HEIGHT = 140;
    public static final double MARGIN = 10;

    /**
     * @param graphExtent the box around the graph, if it has anything
     * @param visible the canvas area the view shows
     * @param viewWidth the view's width in pixels
     * @param viewHeight the view's height in pixels
     */
    public static MinimapGeometry of(Optional<Bounds> graphExtent, Bounds visible, double viewWidth, double viewHeight) {
        Bounds panel = new Bounds(viewWidth - WIDTH - MARGIN, viewHeight - HEIGHT - MARGIN, WIDTH, HEIGHT);
        Bounds world = Rects.inflate(graphExtent.map(g -> Rects.union(g, visible)).orElse(visible), 50);
        double s = Math.min((WIDTH - 8) / world.width(), (HEIGHT - 8) / world.height());
        double ox = panel.x() + (WIDTH - world.width() * s) / 2;
        double oy = panel.y() + (HEIGHT - world.height() * s) / 2;
        return new MinimapGeometry(panel, world, s, ox, oy);
    }

    public Point toPanel(Point canvas) {
        return new Point(originX + (canvas.x() - world.x()) * scale, originY + (canvas.y() - world.y()) * scale);
    }

    public Bounds toPanel(Bounds canvas) {
        Point tl = toPanel(new Point(canvas.x(), canvas.y()));
        return new Bounds(tl.x(), tl.y(), canvas.width() * scale, canvas.height() * scale);
    }

    /** The canvas point shown at a screen point of the panel. */
    public Point toCanvas(double sx, double sy) {
        return new Point(world.x() + (sx - originX) / scale, world.y() + (sy - originY) / scale);
    }

    public boolean contains(double sx, double sy) {
        return panel.contains(new Point(sx, sy));
    }
}
