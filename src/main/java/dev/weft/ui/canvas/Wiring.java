package dev.weft.ui.canvas;

import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.InputSlot;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.OutputSlot;
import dev.weft.graph.SocketTypes;
import dev.weft.graph.WidgetKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What dropping a dragged wire does: which socket it lands on, whether the types fit, and the
 * edit that connects it. Refusals carry a message naming both sockets and their types.
 */
public final class Wiring {
    private final Graph graph;
    private final NodeSpecs specs;

    public Wiring(Graph graph, NodeSpecs specs) {
        this.graph = graph;
        this.specs = specs;
    }

    /**
     * The outcome of a drop.
     *
     * @param edit the edit to perform, if the drop connects (or disconnects) something
     * @param refusal why nothing happened, or {@code null}
     * @param openSearch whether the wire was released on empty canvas and search should open
     */
    public record Drop(Optional<GraphEdit> edit, String refusal, boolean openSearch) {
        static Drop connect(GraphEdit e) {
            return new Drop(Optional.of(e), null, false);
        }

        static Drop refuse(String why) {
            return new Drop(Optional.empty(), why, false);
        }

        static final Drop NOTHING = new Drop(Optional.empty(), null, false);
        static final Drop SEARCH = new Drop(Optional.empty(), null, true);
    }

    /**
     * @param from the fixed end
     * @param target what the wire was released on
     * @param detached the link picked up from an input to start this drag, or {@code null}
     */
    public Drop drop(WireEnd from, Hit target, Integer detached) {
        Drop d = dropOn(from, target);
        if (detached == null) {
            return d;
        }
        if (target instanceof Hit.Empty) {
            return Drop.connect(new GraphEdit.Disconnect(detached));
        }
        Link old = graph.link(detached).orElse(null);
        if (d.edit().isEmpty() || old == null) {
            return d.refusal() == null ? Drop.NOTHING : d;
        }
        if (target instanceof Hit.InputSocket in && in.nodeId() == old.targetId() && in.index() == old.targetSlot()) {
            return Drop.NOTHING; // put back where it was
        }
        return Drop.connect(GraphEdit.Compound.of(new GraphEdit.Disconnect(detached), d.edit().get()));
    }

    private Drop dropOn(WireEnd from, Hit target) {
        if (target instanceof Hit.Empty) {
            return Drop.SEARCH;
        }
        if (from.output()) {
            if (target instanceof Hit.InputSocket in) {
                return toInput(from, graph.requireNode(in.nodeId()), in.index());
            }
            if (target instanceof Hit.Widget w && w.box().slot() != null) {
                return toWidget(from, graph.requireNode(w.nodeId()), w.box());
            }
            int node = target.nodeId();
            if (node >= 0 && node != from.nodeId()) {
                return firstInput(from, graph.requireNode(node));
            }
        } else {
            if (target instanceof Hit.OutputSocket out) {
                return fromOutput(graph.requireNode(out.nodeId()), out.slot(), from);
            }
            int node = target.nodeId();
            if (node >= 0 && node != from.nodeId()) {
                Node n = graph.requireNode(node);
                for (int j = 0; j < n.outputs().size(); j++) {
                    if (SocketTypes.compatible(n.outputs().get(j).type(), from.type())) {
                        return fromOutput(n, j, from);
                    }
                }
                return Drop.refuse("Node " + n.id() + " has no output of type " + from.type());
            }
        }
        return Drop.NOTHING;
    }

    /** Whether a wire from {@code from} may end on input {@code index} of {@code target}. */
    public boolean accepts(WireEnd from, Node target, int index) {
        if (!from.output() || target.id() == from.nodeId() || index >= target.inputs().size()) {
            return false;
        }
        return SocketTypes.compatible(from.type(), target.inputs().get(index).type());
    }

    /** Whether a wire from input {@code from} may end on output {@code slot} of {@code origin}. */
    public boolean acceptsOutput(WireEnd from, Node origin, int slot) {
        if (from.output() || origin.id() == from.nodeId() || slot >= origin.outputs().size()) {
            return false;
        }
        return SocketTypes.compatible(origin.outputs().get(slot).type(), from.type());
    }

    /** Whether a wire from {@code from} may end on a widget (turning it into a wired input). */
    public boolean acceptsWidget(WireEnd from, Node target, WidgetBox box) {
        return from.output() && target.id() != from.nodeId() && box.slot() != null
                && box.slot().kind() == WidgetKind.VALUE && box.style() != WidgetStyle.ROW_LIST
                && SocketTypes.compatible(from.type(), box.slot().input().type());
    }

    private Drop toInput(WireEnd from, Node target, int index) {
        if (target.id() == from.nodeId()) {
            return Drop.refuse("A node cannot be wired to itself");
        }
        InputSlot in = target.inputs().get(index);
        if (!SocketTypes.compatible(from.type(), in.type())) {
            return Drop.refuse(mismatch(from, target, in.name(), in.type()));
        }
        return Drop.connect(new GraphEdit.Connect(from.nodeId(), from.slot(), target.id(), in.name()));
    }

    private Drop toWidget(WireEnd from, Node target, WidgetBox box) {
        if (!acceptsWidget(from, target, box)) {
            String type = box.slot().input().type();
            return Drop.refuse(mismatch(from, target, box.slot().name(), type));
        }
        return Drop.connect(connectToWidget(from.nodeId(), from.slot(), target, box.slot().input()));
    }

    private Drop firstInput(WireEnd from, Node target) {
        int fallback = -1;
        for (int i = 0; i < target.inputs().size(); i++) {
            InputSlot in = target.inputs().get(i);
            if (SocketTypes.compatible(from.type(), in.type())) {
                if (in.link() == null) {
                    return toInput(from, target, i);
                }
                if (fallback < 0) {
                    fallback = i;
                }
            }
        }
        if (fallback >= 0) {
            return toInput(from, target, fallback);
        }
        return Drop.refuse("Node " + target.id() + " (" + target.displayTitle(specs) + ") has no input that takes "
                + from.type());
    }

    private Drop fromOutput(Node origin, int slot, WireEnd to) {
        OutputSlot out = origin.outputs().get(slot);
        Node target = graph.requireNode(to.nodeId());
        String name = target.inputs().get(to.slot()).name();
        if (origin.id() == target.id()) {
            return Drop.refuse("A node cannot be wired to itself");
        }
        if (!SocketTypes.compatible(out.type(), to.type())) {
            return Drop.refuse("Cannot connect output '" + out.name() + "' (" + out.type() + ") of node " + origin.id()
                    + " to input '" + name + "' (" + to.type() + ") of node " + target.id() + ": the types differ");
        }
        return Drop.connect(new GraphEdit.Connect(origin.id(), slot, target.id(), name));
    }

    private String mismatch(WireEnd from, Node target, String input, String type) {
        Node origin = graph.requireNode(from.nodeId());
        OutputSlot out = origin.outputs().get(from.slot());
        return "Cannot connect output '" + out.name() + "' (" + out.type() + ") of node " + origin.id()
                + " to input '" + input + "' (" + type + ") of node " + target.id() + ": the types differ";
    }

    /**
     * Wires an output to a widget input, first adding the widget's socket when the node does not
     * have one yet (as the frontend converts a widget to an input).
     */
    public static GraphEdit connectToWidget(int originId, int slot, Node target, InputSpec widget) {
        List<GraphEdit> edits = new ArrayList<>();
        if (target.inputIndex(widget.name()) < 0) {
            edits.add(new GraphEdit.AddInputSlot(target.id(), InputSlot.widgetSocket(widget.name(), widget.type())));
        }
        edits.add(new GraphEdit.Connect(originId, slot, target.id(), widget.name()));
        return edits.size() == 1 ? edits.get(0) : new GraphEdit.Compound(edits);
    }
}
