package dev.weft.ui.panels;

import dev.weft.graph.NodeSpec;
import java.util.Optional;

/**
 * The node type being dragged from the library to the canvas. The drag is a JavaFX full
 * press-drag-release gesture inside the window (no system drag and drop), so the canvas reads the
 * type from here when the mouse is released over it.
 */
public final class LibraryDrag {
    private NodeSpec dragging;

    public void start(NodeSpec s) {
        dragging = s;
    }

    /** The type being dragged, cleared by reading it. */
    public Optional<NodeSpec> take() {
        NodeSpec s = dragging;
        dragging = null;
        return Optional.ofNullable(s);
    }

    public void clear() {
        dragging = null;
    }
}
