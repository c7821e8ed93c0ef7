package dev.weft.graph;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Map;

/**
 * One change to a {@link Graph}: a closed set of immutable records. Apply an edit with
 * {@link Graph#apply} (or {@link History#perform} to make it undoable); the result carries the
 * exact inverse, computed from the graph's state at the moment of applying, so undo restores
 * everything the edit touched, including links it removed or replaced.
 *
 * <p>An edit that cannot apply (a missing node, incompatible socket types, ...) throws
 * {@link IllegalArgumentException} and leaves the graph unchanged.
 */
public sealed interface GraphEdit permits GraphEdit.AddNode, GraphEdit.RemoveNode, GraphEdit.Connect,
        GraphEdit.Disconnect, GraphEdit.MoveNodes, GraphEdit.ResizeNode, GraphEdit.SetWidgetValue,
        GraphEdit.SetMode, GraphEdit.SetTitle, GraphEdit.SetColor, GraphEdit.SetFlag, GraphEdit.SetProperty,
        GraphEdit.AddInputSlot, GraphEdit.AddGroup, GraphEdit.RemoveGroup, GraphEdit.EditGroup,
        GraphEdit.AddReroute, GraphEdit.RemoveReroute, GraphEdit.MoveReroute, GraphEdit.Compound, Patch {

    /** Applies this edit to {@code graph}; same as {@code graph.apply(this)}. */
    default AppliedEdit apply(Graph graph) {
        return graph.apply(this);
    }

    /**
     * Adds a node that has no links yet. Take its id from {@link Graph#nextNodeId()}; a node made
     * from a spec comes from {@link NodeSpec#instantiate}.
     */
    record AddNode(Node node) implements GraphEdit {
        public AddNode {
            require(node, "node");
        }
    }

    /** Removes a node together with every link into or out of it. */
    record RemoveNode(int nodeId) implements GraphEdit {
    }

    /**
     * Wires output {@code originSlot} of one node to the input named {@code targetInput} of another.
     * A link already plugged into that input is removed first. Refuses incompatible socket types
     * with {@link SocketMismatchException}. The new link takes the next link id.
     */
    record Connect(int originId, int originSlot, int targetId, String targetInput) implements GraphEdit {
        public Connect {
            require(targetInput, "targetInput");
        }
    }

    /** Removes one link. */
    record Disconnect(int linkId) implements GraphEdit {
    }

    /** Moves nodes to new top-left positions (node id to position). */
    record MoveNodes(Map<Integer, Point> positions) implements GraphEdit {
        public MoveNodes {
            positions = Map.copyOf(positions);
        }
    }

    record ResizeNode(int nodeId, Size size) implements GraphEdit {
        public ResizeNode {
            require(size, "size");
        }
    }

    /**
     * Sets {@code widgets_values[index]}; {@link WidgetLayout#indexOf} finds the index of a named
     * widget.
     */
    record SetWidgetValue(int nodeId, int index, JsonElement value) implements GraphEdit {
        public SetWidgetValue {
            require(value, "value (use JsonNull.INSTANCE for null)");
            value = value.deepCopy();
        }
    }

    /** Sets the mode: {@link NodeMode#NEVER} mutes, {@link NodeMode#BYPASS} bypasses. */
    record SetMode(int nodeId, NodeMode mode) implements GraphEdit {
        public SetMode {
            require(mode, "mode");
        }
    }

    /** Sets the title; {@code null} goes back to the type's display name. */
    record SetTitle(int nodeId, String title) implements GraphEdit {
    }

    /** Sets title bar and body colours; {@code null} removes one. */
    record SetColor(int nodeId, String color, String bgcolor) implements GraphEdit {
    }

    /** Collapses/expands or pins/unpins a node. */
    record SetFlag(int nodeId, NodeFlag flag, boolean value) implements GraphEdit {
        public SetFlag {
            require(flag, "flag");
        }
    }

    /** Sets one key of the node's {@code properties}; a {@code null} value removes it. */
    record SetProperty(int nodeId, String key, JsonElement value) implements GraphEdit {
        public SetProperty {
            require(key, "key");
            value = value == null ? null : value.deepCopy();
        }
    }

    /**
     * Appends an unconnected input socket, e.g. {@link InputSlot#widgetSocket} before connecting a
     * wire to a widget.
     */
    record AddInputSlot(int nodeId, InputSlot slot) implements GraphEdit {
        public AddInputSlot {
            require(slot, "slot");
            if (slot.link() != null) {
                throw new IllegalArgumentException("a new input slot must not carry a link; connect it afterwards");
            }
        }
    }

    /** Appends a group; give it {@link Graph#nextGroupId()} as id. */
    record AddGroup(Group group) implements GraphEdit {
        public AddGroup {
            require(group, "group");
        }
    }

    /** Removes the group at {@code index} in {@link Graph#groups()}. */
    record RemoveGroup(int index) implements GraphEdit {
    }

    /** Replaces the group at {@code index} (title, bounding, colour, font size, flags). */
    record EditGroup(int index, Group group) implements GraphEdit {
        public EditGroup {
            require(group, "group");
        }
    }

    /** Adds a native reroute; give it {@link Graph#nextRerouteId()} as id. */
    record AddReroute(Reroute reroute) implements GraphEdit {
        public AddReroute {
            require(reroute, "reroute");
        }
    }

    /** Removes a native reroute; links and reroutes that passed through it take its parent. */
    record RemoveReroute(int rerouteId) implements GraphEdit {
    }

    record MoveReroute(int rerouteId, Point pos) implements GraphEdit {
        public MoveReroute {
            require(pos, "pos");
        }
    }

    /** Several edits applied in order as one; if one fails none stays applied. */
    record Compound(List<GraphEdit> edits) implements GraphEdit {
        public Compound {
            edits = List.copyOf(edits);
        }

        public static Compound of(GraphEdit... edits) {
            return new Compound(List.of(edits));
        }
    }

    private static void require(Object o, String what) {
        if (o == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }
}
