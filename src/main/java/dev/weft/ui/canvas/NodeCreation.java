package dev.weft.ui.canvas;

import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.OutputSpec;
import dev.weft.graph.Point;
import dev.weft.graph.Size;
import dev.weft.ui.model.SearchFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Edits that add a node from the library or search, optionally wired to a dragged wire. */
public final class NodeCreation {
    /** Extra height given to output image nodes so the image has room, as ComfyUI's defaults do. */
    static final double IMAGE_ROOM = 200;

    private NodeCreation() {
    }

    /**
     * @param nodeId the id the new node will have
     * @param edit adds it (and the wire) as one edit
     */
    public record Created(int nodeId, GraphEdit edit) {
    }

    /**
     * A new node of {@code spec} with its title bar's top-left corner at {@code at}; when a wire
     * is given, the node is placed beside the drop point on the wire's side and wired to the
     * wire's end through its first compatible socket.
     */
    public static Created add(Graph graph, NodeSpec spec, Point at, Optional<WireEnd> wire) {
        int id = graph.nextNodeId();
        Node n = spec.instantiate(id, new Point(at.x(), at.y() + LiteGraphMetrics.TITLE_HEIGHT));
        if (spec.outputNode() && spec.inputs().stream().anyMatch(i -> "IMAGE".equals(i.type()))) {
            n = n.withSize(new Size(n.size().width(), n.size().height() + IMAGE_ROOM));
        }
        if (wire.isPresent() && !wire.get().output()) {
            n = n.withPos(new Point(at.x() - n.size().width() - 20, n.pos().y()));
        }
        List<GraphEdit> edits = new ArrayList<>();
        edits.add(new GraphEdit.AddNode(n));
        if (wire.isPresent()) {
            WireEnd w = wire.get();
            if (w.output()) {
                Optional<InputSpec> in = SearchFilter.firstInput(spec, w.type());
                if (in.isPresent()) {
                    edits.add(new GraphEdit.Connect(w.nodeId(), w.slot(), id, in.get().name()));
                }
            } else {
                Optional<OutputSpec> out = SearchFilter.firstOutput(spec, w.type());
                Node target = graph.requireNode(w.nodeId());
                if (out.isPresent()) {
                    edits.add(new GraphEdit.Connect(id, out.get().index(), w.nodeId(),
                            target.inputs().get(w.slot()).name()));
                }
            }
        }
        return new Created(id, edits.size() == 1 ? edits.get(0) : new GraphEdit.Compound(edits));
    }
}
