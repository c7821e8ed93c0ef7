package dev.weft.ui.canvas;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.graph.Counters;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.InputSlot;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.OutputSlot;
import dev.weft.graph.Point;
import dev.weft.graph.SocketTypes;
import dev.weft.workflow.JsonIo;
import dev.weft.workflow.UiWorkflowReader;
import dev.weft.workflow.UiWorkflowWriter;
import dev.weft.workflow.WorkflowException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copy and paste of nodes as text: the copied nodes and the links among them form a small UI
 * workflow (the same JSON a workflow file holds), plus the links that fed them from outside the
 * selection, so Ctrl+Shift+V can restore those (the frontend's "paste with input links").
 */
public final class NodeClipboard {
    /** Key of the outside links in the clipboard JSON. */
    static final String EXTERNAL = "weft_external_links";

    private NodeClipboard() {
    }

    /**
     * @param nodeIds new node ids in paste order
     * @param edit adds the nodes and their links as one edit
     */
    public record Pasted(List<Integer> nodeIds, GraphEdit edit) {
    }

    /** The clipboard text for these nodes, or empty when none of them is in the graph. */
    public static Optional<String> copy(Graph graph, Collection<Integer> ids) {
        Set<Integer> chosen = new HashSet<>();
        for (int id : ids) {
            if (graph.node(id).isPresent()) {
                chosen.add(id);
            }
        }
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        List<Link> internal = new ArrayList<>();
        JsonArray external = new JsonArray();
        for (Link l : graph.links()) {
            boolean in = chosen.contains(l.targetId());
            if (in && chosen.contains(l.originId())) {
                internal.add(l.withParent(null));
            } else if (in) {
                JsonObject e = new JsonObject();
                e.addProperty("origin", l.originId());
                e.addProperty("slot", l.originSlot());
                e.addProperty("target", l.targetId());
                e.addProperty("input", graph.requireNode(l.targetId()).inputs().get(l.targetSlot()).name());
                external.add(e);
            }
        }
        Set<Integer> keep = new HashSet<>();
        internal.forEach(l -> keep.add(l.id()));
        List<Node> nodes = new ArrayList<>();
        int maxNode = 0;
        for (Node n : graph.nodes()) {
            if (chosen.contains(n.id())) {
                nodes.add(keepLinks(n, keep));
                maxNode = Math.max(maxNode, n.id());
            }
        }
        int maxLink = internal.stream().mapToInt(Link::id).max().orElse(0);
        Graph sub = Graph.of(nodes, internal, List.of(), List.of(), new Counters(maxNode, maxLink, 0, 0), null);
        JsonObject json = UiWorkflowWriter.toJson(sub);
        json.add(EXTERNAL, external);
        return Optional.of(JsonIo.compact(json));
    }

    /**
     * The edit that pastes clipboard text with the copied nodes' top-left corner at {@code at}.
     *
     * @param withInputLinks also restore links from nodes outside the copy that still exist
     * @throws WorkflowException when the text is not Weft or ComfyUI node data
     */
    public static Pasted paste(Graph graph, String text, Point at, boolean withInputLinks, NodeSpecs specs)
            throws WorkflowException {
        JsonElement root = JsonIo.parse(text, "clipboard");
        if (!UiWorkflowReader.looksLikeUiWorkflow(root)) {
            throw new WorkflowException("The clipboard holds no nodes");
        }
        Graph sub = UiWorkflowReader.fromJson(root, "clipboard").graph();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (Node n : sub.nodes()) {
            minX = Math.min(minX, n.pos().x());
            minY = Math.min(minY, n.pos().y() - LiteGraphMetrics.TITLE_HEIGHT);
        }
        double dx = at.x() - minX;
        double dy = at.y() - minY;
        Map<Integer, Node> fresh = new HashMap<>();
        List<Integer> ids = new ArrayList<>();
        List<GraphEdit> edits = new ArrayList<>();
        int next = graph.nextNodeId();
        for (Node n : sub.nodes()) {
            Node copy = unlinked(n, next++, n.pos().translate(dx, dy));
            fresh.put(n.id(), copy);
            ids.add(copy.id());
            edits.add(new GraphEdit.AddNode(copy));
        }
        for (Link l : sub.links()) {
            Node target = fresh.get(l.targetId());
            String input = sub.requireNode(l.targetId()).inputs().get(l.targetSlot()).name();
            edits.add(new GraphEdit.Connect(fresh.get(l.originId()).id(), l.originSlot(), target.id(), input));
        }
        if (withInputLinks && root.getAsJsonObject().has(EXTERNAL)) {
            for (JsonElement e : root.getAsJsonObject().getAsJsonArray(EXTERNAL)) {
                externalLink(graph, specs, e.getAsJsonObject(), fresh).ifPresent(edits::add);
            }
        }
        return new Pasted(ids, new GraphEdit.Compound(edits));
    }

    private static Optional<GraphEdit> externalLink(Graph graph, NodeSpecs specs, JsonObject e, Map<Integer, Node> fresh) {
        Node target = fresh.get(e.get("target").getAsInt());
        Optional<Node> origin = graph.node(e.get("origin").getAsInt());
        int slot = e.get("slot").getAsInt();
        String input = e.get("input").getAsString();
        if (target == null || origin.isEmpty() || slot >= origin.get().outputs().size()) {
            return Optional.empty();
        }
        String type = origin.get().outputs().get(slot).type();
        int idx = target.inputIndex(input);
        if (idx >= 0) {
            return SocketTypes.compatible(type, target.inputs().get(idx).type())
                    ? Optional.of(new GraphEdit.Connect(origin.get().id(), slot, target.id(), input))
                    : Optional.empty();
        }
        // a wired widget whose socket the clipboard left out (unwired sockets are not stored)
        Optional<InputSpec> widget = specs.find(target.type()).flatMap(s -> s.input(input)).filter(InputSpec::isWidget);
        return widget.filter(w -> SocketTypes.compatible(type, w.type()))
                .map(w -> Wiring.connectToWidget(origin.get().id(), slot, target, w));
    }

    private static Node keepLinks(Node n, Set<Integer> keep) {
        List<InputSlot> in = new ArrayList<>();
        for (InputSlot s : n.inputs()) {
            in.add(s.link() != null && !keep.contains(s.link()) ? s.withLink(null) : s);
        }
        List<OutputSlot> out = new ArrayList<>();
        for (OutputSlot o : n.outputs()) {
            List<Integer> ids = o.linkIds().stream().filter(keep::contains).toList();
            out.add(new OutputSlot(o.name(), o.type(), o.links() == null ? null : ids, o.label(), o.extra()));
        }
        return n.withInputs(in).withOutputs(out);
    }

    private static Node unlinked(Node n, int id, Point pos) {
        List<InputSlot> in = n.inputs().stream().map(s -> s.withLink(null)).toList();
        List<OutputSlot> out = n.outputs().stream()
                .map(o -> new OutputSlot(o.name(), o.type(), List.of(), o.label(), o.extra())).toList();
        return new Node(id, n.type(), n.title(), pos, n.size(), n.mode(), n.color(), n.bgcolor(), n.flags(),
                n.properties(), in, out, n.widgetValues(), n.extra(), n.format());
    }
}
