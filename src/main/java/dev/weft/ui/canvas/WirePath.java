package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * The drawn shape of one link: spline pieces from the output socket through the link's native
 * reroutes (in order from the origin) to the input socket.
 *
 * @param linkId the link
 * @param pieces one spline per hop; piece {@code i} ends at reroute {@code i} (or at the input
 *     for the last piece)
 * @param rerouteIds the reroutes passed, in order from the origin
 */
public record WirePath(int linkId, List<Cubic> pieces, List<Integer> rerouteIds) {
    public WirePath {
        pieces = List.copyOf(pieces);
        rerouteIds = List.copyOf(rerouteIds);
    }

    /** Builds the path through the given points. */
    public static WirePath through(int linkId, Point from, List<Point> via, List<Integer> rerouteIds, Point to) {
        List<Cubic> pieces = new ArrayList<>();
        Point prev = from;
        for (Point p : via) {
            pieces.add(Cubic.spline(prev, p));
            prev = p;
        }
        pieces.add(Cubic.spline(prev, to));
        return new WirePath(linkId, pieces, rerouteIds);
    }

    public Bounds bounds() {
        return Rects.union(pieces.stream().map(Cubic::bounds).toList()).orElseThrow();
    }

    public double distanceTo(Point p) {
        double best = Double.MAX_VALUE;
        for (Cubic c : pieces) {
            if (Rects.intersects(Rects.inflate(c.bounds(), 20), new Bounds(p.x(), p.y(), 0, 0))) {
                best = Math.min(best, c.distanceTo(p));
            }
        }
        return best;
    }

    /** Index of the piece nearest {@code p}. */
    public int nearestPiece(Point p) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < pieces.size(); i++) {
            double d = pieces.get(i).distanceTo(p);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** The middle of the middle piece: where LiteGraph draws the link's centre marker. */
    public Point midpoint() {
        return pieces.get(pieces.size() / 2).at(0.5);
    }
}
