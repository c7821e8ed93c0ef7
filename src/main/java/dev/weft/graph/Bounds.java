package dev.weft.graph;

/** A rectangle in canvas units, stored in JSON as {@code [x, y, width, height]}. */
public record Bounds(double x, double y, double width, double height) {
    public boolean contains(Point p) {
        return p.x() >= x && p.y() >= y && p.x() <= x + width && p.y() <= y + height;
    }
}
