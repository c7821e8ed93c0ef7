package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import java.util.List;
import java.util.Optional;

/**
 * Where everything of one node is, in canvas units, computed by {@link LayoutEngine}.
 *
 * @param node the node record this layout was made for (compared by identity to detect change)
 * @param frame the whole node including the title bar above {@code node.pos()}
 * @param body the part below the title bar; equal to the title bar when collapsed
 * @param inputs socket centre per input index of the node
 * @param outputs socket centre per output index
 * @param widgets inline widgets, top to bottom; empty when collapsed
 * @param media spare area for images (output images, previews), or {@code null} when none fits
 * @param collapsed whether the node is drawn as its title bar only
 * @param known whether the node's type has a spec (unknown types are drawn as placeholders)
 * @param title the title text to draw
 */
public record NodeLayout(Node node, Bounds frame, Bounds body, List<Point> inputs, List<Point> outputs,
        List<WidgetBox> widgets, Bounds media, boolean collapsed, boolean known, String title) {
    public NodeLayout {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        widgets = List.copyOf(widgets);
    }

    public int nodeId() {
        return node.id();
    }

    /** The title bar. */
    public Bounds titleBar() {
        return new Bounds(frame.x(), frame.y(), frame.width(), LiteGraphMetrics.TITLE_HEIGHT);
    }

    /** The dot at the left of the title that collapses and expands the node. */
    public Point collapseToggle() {
        return new Point(frame.x() + LiteGraphMetrics.TITLE_HEIGHT / 2, frame.y() + LiteGraphMetrics.TITLE_HEIGHT / 2);
    }

    /** The square in the bottom-right corner that resizes the node. */
    public Bounds resizeHandle() {
        double s = LiteGraphMetrics.RESIZE_HANDLE;
        return new Bounds(body.x() + body.width() - s, body.y() + body.height() - s, s, s);
    }

    /** Where the state badge (error, cached, done) sits: at the right end of the title bar. */
    public Bounds badge() {
        double s = 18;
        return new Bounds(frame.x() + frame.width() - s - 6, frame.y() + (LiteGraphMetrics.TITLE_HEIGHT - s) / 2, s, s);
    }

    /** Whether input {@code i} is drawn as a row of its own (not on a widget row, not hidden). */
    public boolean inputOnRow(int i) {
        return widgets.stream().noneMatch(w -> w.socketInput() == i);
    }

    public Optional<WidgetBox> widgetAt(int index) {
        return widgets.stream().filter(w -> w.index() == index).findFirst();
    }
}
