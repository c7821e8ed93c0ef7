package dev.weft.workflow;

import com.google.gson.JsonArray;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.InputSlot;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.OutputSlot;
import dev.weft.graph.Point;
import dev.weft.graph.Size;
import dev.weft.graph.WidgetLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds a UI graph from an API prompt, as the frontend's {@code loadApiJson} does for a PNG that
 * carries only a prompt:
 * <ul>
 *   <li>Each prompt node becomes a node of its class_type; a numeric prompt id is kept as the node
 *       id, other ids (such as {@code "12:0"}) get fresh ids after the highest numeric one.</li>
 *   <li>{@code _meta.title} becomes the title when it differs from the display name.</li>
 *   <li>Constant inputs fill the widget of that name ({@code __value__} unwrapped); other widgets
 *       keep their spec defaults (so a seed's control is {@code randomize}, as in ComfyUI).</li>
 *   <li>Link inputs are wired; a link into a widget gets a widget socket first.</li>
 *   <li>Nodes are placed in columns by depth (longest path from a source), top to bottom.</li>
 * </ul>
 * A node type without a spec becomes a node with a socket (type {@code *}) for each link input,
 * {@code *} outputs up to the highest slot used, and its constants as {@code widgets_values} in
 * prompt order.
 */
public final class ApiImporter {
    private static final double COLUMN_WIDTH = 400;
    private static final double ROW_GAP = 40;
    private static final double MARGIN = 100;

    private ApiImporter() {
    }

    /** @throws WorkflowException when a link names a node the prompt does not have */
    public static Graph toGraph(ApiPrompt prompt, NodeSpecs specs) throws WorkflowException {
        Map<String, Integer> ids = assignIds(prompt);
        Map<String, Integer> maxSlotUsed = new HashMap<>();
        for (ApiNode n : prompt.nodes().values()) {
            for (ApiInput in : n.inputs().values()) {
                if (in instanceof ApiInput.LinkRef l) {
                    if (!ids.containsKey(l.nodeId())) {
                        throw new WorkflowException("prompt input links to node \"" + l.nodeId() + "\", which the prompt does not have");
                    }
                    maxSlotUsed.merge(l.nodeId(), l.slot(), Math::max);
                }
            }
        }
        Map<String, Integer> depth = depths(prompt);
        Graph graph = new Graph();
        Map<Integer, Double> columnY = new HashMap<>();
        for (Map.Entry<String, ApiNode> e : prompt.nodes().entrySet()) {
            ApiNode a = e.getValue();
            int id = ids.get(e.getKey());
            Node node = specs.find(a.classType()).map(s -> fromSpec(s, id, a))
                    .orElseGet(() -> unknown(id, a, maxSlotUsed.getOrDefault(e.getKey(), -1)));
            int col = depth.get(e.getKey());
            double y = columnY.getOrDefault(col, MARGIN);
            node = node.withPos(new Point(MARGIN + col * COLUMN_WIDTH, y));
            columnY.put(col, y + node.size().height() + ROW_GAP);
            String display = specs.find(a.classType()).map(NodeSpec::displayName).orElse(a.classType());
            if (a.title() != null && !a.title().equals(display)) {
                node = node.withTitle(a.title());
            }
            graph.apply(new GraphEdit.AddNode(node));
        }
        for (Map.Entry<String, ApiNode> e : prompt.nodes().entrySet()) {
            int id = ids.get(e.getKey());
            for (Map.Entry<String, ApiInput> in : e.getValue().inputs().entrySet()) {
                if (in.getValue() instanceof ApiInput.LinkRef l) {
                    connect(graph, ids.get(l.nodeId()), l.slot(), id, in.getKey());
                }
            }
        }
        return graph;
    }

    private static void connect(Graph graph, int from, int slot, int to, String input) throws WorkflowException {
        Node target = graph.requireNode(to);
        Node origin = graph.requireNode(from);
        if (slot >= origin.outputs().size()) {
            throw new WorkflowException("prompt node " + from + " (" + origin.type() + ") has no output " + slot
                    + " for input '" + input + "' of node " + to);
        }
        if (target.inputIndex(input) < 0) {
            String type = origin.outputs().get(slot).type();
            graph.apply(new GraphEdit.AddInputSlot(to, InputSlot.widgetSocket(input, type)));
        }
        try {
            graph.apply(new GraphEdit.Connect(from, slot, to, input));
        } catch (IllegalArgumentException ex) {
            throw new WorkflowException("prompt input '" + input + "' of node " + to + ": " + ex.getMessage(), ex);
        }
    }

    private static Node fromSpec(NodeSpec spec, int id, ApiNode a) {
        Node n = spec.instantiate(id, new Point(0, 0));
        WidgetLayout layout = spec.widgetLayout();
        for (Map.Entry<String, ApiInput> in : a.inputs().entrySet()) {
            if (in.getValue() instanceof ApiInput.Constant c) {
                int i = layout.indexOf(in.getKey());
                if (i >= 0) {
                    n = n.withWidgetValue(i, c.unwrapped());
                }
            }
        }
        return n;
    }

    private static Node unknown(int id, ApiNode a, int maxSlot) {
        List<InputSlot> inputs = new ArrayList<>();
        JsonArray widgets = new JsonArray();
        for (Map.Entry<String, ApiInput> in : a.inputs().entrySet()) {
            if (in.getValue() instanceof ApiInput.LinkRef) {
                inputs.add(InputSlot.socket(in.getKey(), "*"));
            } else {
                widgets.add(((ApiInput.Constant) in.getValue()).unwrapped());
            }
        }
        List<OutputSlot> outputs = new ArrayList<>();
        for (int j = 0; j <= maxSlot; j++) {
            outputs.add(OutputSlot.of("output " + j, "*"));
        }
        Node n = Node.create(id, a.classType(), new Point(0, 0),
                new Size(315, 30 + Math.max(inputs.size(), outputs.size()) * 20 + widgets.size() * 24 + 10))
                .withInputs(inputs).withOutputs(outputs);
        return widgets.isEmpty() ? n : n.withWidgetValues(widgets);
    }

    private static Map<String, Integer> assignIds(ApiPrompt prompt) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        int max = 0;
        for (String key : prompt.nodes().keySet()) {
            Optional<Integer> n = numeric(key);
            if (n.isPresent() && !ids.containsValue(n.get())) {
                ids.put(key, n.get());
                max = Math.max(max, n.get());
            }
        }
        for (String key : prompt.nodes().keySet()) {
            if (!ids.containsKey(key)) {
                ids.put(key, ++max);
            }
        }
        return ids;
    }

    private static Optional<Integer> numeric(String s) {
        try {
            int v = Integer.parseInt(s);
            return v > 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Longest distance from a node with no link inputs; nodes on a cycle stop counting at the cycle. */
    private static Map<String, Integer> depths(ApiPrompt prompt) {
        Map<String, Integer> depth = new HashMap<>();
        for (String id : prompt.nodes().keySet()) {
            depth(id, prompt, depth, new HashSet<>());
        }
        return depth;
    }

    private static int depth(String id, ApiPrompt prompt, Map<String, Integer> memo, Set<String> path) {
        Integer known = memo.get(id);
        if (known != null) {
            return known;
        }
        if (!path.add(id)) {
            return 0;
        }
        int d = 0;
        for (ApiInput in : prompt.nodes().get(id).inputs().values()) {
            if (in instanceof ApiInput.LinkRef l && prompt.nodes().containsKey(l.nodeId())) {
                d = Math.max(d, depth(l.nodeId(), prompt, memo, path) + 1);
            }
        }
        path.remove(id);
        memo.put(id, d);
        return d;
    }
}
