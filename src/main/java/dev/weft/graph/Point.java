package dev.weft.graph;

/** A canvas position in LiteGraph units (one unit is one pixel at zoom 1). */
public record Point(double x, double y) {
    public Point translate(double dx, double dy) {
        return new Point(x + dx, y + dy);
    }
}
