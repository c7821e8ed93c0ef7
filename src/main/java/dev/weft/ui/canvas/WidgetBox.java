package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.InputSpec;
import dev.weft.graph.WidgetSlot;

/**
 * One inline widget of a laid-out node.
 *
 * @param index position in the node's {@code widgets_values}; for object-valued widget lists of
 *     unknown nodes, the position of the key
 * @param slot the widget's place in the spec's layout, or {@code null} for a node without a spec
 * @param style how it is drawn and edited
 * @param label the text on the left (the input's name)
 * @param rect where it is, in canvas units
 * @param socketInput index of the node input that stands for this widget (a wired widget), or -1
 */
public record WidgetBox(int index, WidgetSlot slot, WidgetStyle style, String label, Bounds rect, int socketInput) {
    /** The spec input this widget edits, or {@code null}. */
    public InputSpec input() {
        return slot == null ? null : slot.input();
    }

    public boolean hasSocket() {
        return socketInput >= 0;
    }
}
