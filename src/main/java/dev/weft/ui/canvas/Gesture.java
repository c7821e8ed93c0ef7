package dev.weft.ui.canvas;

import com.google.gson.JsonElement;
import dev.weft.graph.Bounds;
import dev.weft.graph.Point;
import dev.weft.graph.Size;
import java.util.Map;
import java.util.Set;

/**
 * The pointer gesture in progress: the state of the interaction controller's state machine. A
 * gesture starts on press, is updated on drag and ends on release. Gestures that edit the graph
 * carry a {@code token} used as the history merge key, so a whole drag is one undo step.
 */
sealed interface Gesture {
    record Idle() implements Gesture {
    }

    /** Moving the camera (middle drag or space + drag). */
    record Pan(double lastX, double lastY) implements Gesture {
    }

    /** Dragging inside the minimap. */
    record MinimapDrag() implements Gesture {
    }

    /**
     * Moving the selected nodes and reroutes.
     *
     * @param pressedNode the node under the press, or -1 (a reroute)
     * @param narrowOnClick whether a click without movement should select only the pressed node
     */
    record MoveSelection(Point start, Map<Integer, Point> nodes, Map<Integer, Point> reroutes, Object token,
            boolean moved, int pressedNode, boolean narrowOnClick) implements Gesture {
        MoveSelection movedNow() {
            return new MoveSelection(start, nodes, reroutes, token, true, pressedNode, narrowOnClick);
        }
    }

    record MoveGroup(Point start, GroupOps.DragStart from, Object token) implements Gesture {
    }

    record ResizeNode(int nodeId, Point start, Size size, double minWidth, double minHeight, Object token)
            implements Gesture {
    }

    record ResizeGroup(int index, Point start, Bounds bounds, Object token) implements Gesture {
    }

    /** Rubber-band selection; {@code before} is what stays selected (additive selection). */
    record BoxSelect(Point start, Point current, Set<Integer> before) implements Gesture {
    }

    /**
     * Dragging a wire from a socket.
     *
     * @param detached the link picked up from an input to start the drag, or {@code null}
     */
    record WireDrag(WireEnd from, Point tip, Integer detached) implements Gesture {
    }

    /**
     * Dragging on a number or slider widget (or a LoRA row's strength).
     *
     * @param startX canvas x of the press
     * @param startValue the value at the press
     */
    record WidgetDrag(int nodeId, WidgetBox box, WidgetPart part, int row, double startX, JsonElement startValue,
            Object token, boolean moved) implements Gesture {
        WidgetDrag movedNow() {
            return new WidgetDrag(nodeId, box, part, row, startX, startValue, token, true);
        }
    }
}
