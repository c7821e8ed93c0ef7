package dev.weft.graph;

/** A node's width and height in canvas units. */
public record Size(double width, double height) {
}
