package dev.weft.graph;

/** Told after every edit applied to a graph, on the thread that applied it. */
@FunctionalInterface
public interface GraphListener {
    void graphChanged(Graph graph, AppliedEdit change);
}
