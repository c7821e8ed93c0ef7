package dev.weft.workflow;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.WidgetSlot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Builds the API prompt of a graph, following the frontend's {@code graphToPrompt}:
 * <ol>
 *   <li>Nodes go in execution (topological) order; muted ({@link dev.weft.graph.NodeMode#NEVER}),
 *       bypassed and virtual nodes (Reroute, PrimitiveNode, Note, MarkdownNote) are left out.</li>
 *   <li>Widget values go in first, by name from the node's spec ({@link NodeSpec#widgetLayout()});
 *       widgets marked {@code serialize=false} (control_after_generate, control_filter_list, the
 *       upload button) are skipped; array values are wrapped as {@code {"__value__": [...]}};
 *       STRING widgets with {@code dynamicPrompts} are run through {@link DynamicPrompts}. A value
 *       missing from a short {@code widgets_values} takes the spec's default.</li>
 *   <li>Then every connected input is traced ({@link LinkTracer}: through bypassed nodes by type,
 *       through Reroute nodes, to a PrimitiveNode's value) and overwrites a widget of the same
 *       name: {@code ["id", slot]}, or the PrimitiveNode's value.</li>
 *   <li>Finally inputs that point at nodes absent from the prompt (e.g. muted ones) are deleted.</li>
 *   <li>{@code _meta.title} is the node's title, else the spec's display name, else its type.</li>
 * </ol>
 * A {@link LoraStack} is expanded into LoraLoader nodes when {@link Options#expandLoraStacks()}.
 *
 * <p>A node whose type has no spec is exported on a best-effort basis: its connected inputs by
 * slot name, and its widget values only if the file keeps them as an object (name to value);
 * positional {@code widgets_values} cannot be named without a spec and are left out, so ComfyUI
 * will report those inputs missing unless it knows the node type.
 */
public final class PromptExporter {
    /**
     * @param expandLoraStacks expand LoraStack nodes into LoraLoader chains (needed for ComfyUI;
     *     Weft's own executor runs LoraStack directly)
     * @param random source for dynamic prompt choices, values in [0, 1)
     */
    public record Options(boolean expandLoraStacks, DoubleSupplier random) {
        /** For sending to ComfyUI: stacks expanded, {@link Math#random()} for choices. */
        public static Options forComfyUi() {
            return new Options(true, Math::random);
        }

        /** For Weft's own executor: stacks kept, {@link Math#random()} for choices. */
        public static Options forWeft() {
            return new Options(false, Math::random);
        }

        public Options withRandom(DoubleSupplier r) {
            return new Options(expandLoraStacks, r);
        }
    }

    private final Graph graph;
    private final NodeSpecs specs;
    private final Options options;
    private final LoraStack loras;
    private final LinkTracer tracer;

    private PromptExporter(Graph graph, NodeSpecs specs, Options options) {
        this.graph = graph;
        this.specs = specs;
        this.options = options;
        this.loras = new LoraStack(options.expandLoraStacks());
        this.tracer = new LinkTracer(graph, loras);
    }

    /**
     * @throws WorkflowException when wires loop through reroutes or bypassed nodes, or a LoraStack
     *     row is invalid; the message names the node
     */
    public static ApiPrompt export(Graph graph, NodeSpecs specs, Options options) throws WorkflowException {
        return new PromptExporter(graph, specs, options).build();
    }

    private ApiPrompt build() throws WorkflowException {
        Map<String, ApiNode> out = new LinkedHashMap<>();
        for (Node n : executionOrder(graph)) {
            if (n.mode().excludedFromPrompt() || VirtualNodes.isVirtual(n.type())) {
                continue;
            }
            String title = n.displayTitle(specs);
            if (loras.expands(n)) {
                out.putAll(loras.expansion(n, tracer, title));
                continue;
            }
            out.put(String.valueOf(n.id()), new ApiNode(n.type(), inputs(n), title, null));
        }
        return new ApiPrompt(dropDanglingLinks(out));
    }

    private Map<String, ApiInput> inputs(Node n) throws WorkflowException {
        Map<String, ApiInput> in = new LinkedHashMap<>();
        Optional<NodeSpec> spec = specs.find(n.type());
        if (n.widgetValues() != null && n.widgetValues().isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : n.widgetValues().getAsJsonObject().entrySet()) {
                InputSpec is = spec.flatMap(s -> s.input(e.getKey())).orElse(null);
                in.put(e.getKey(), ApiInput.Constant.wrapping(widgetValue(e.getValue(), is)));
            }
        } else if (spec.isPresent()) {
            for (WidgetSlot w : spec.get().widgetLayout().slots()) {
                if (w.serialize()) {
                    JsonElement v = n.widgetValue(w.index()).orElse(w.defaultValue());
                    in.put(w.name(), ApiInput.Constant.wrapping(widgetValue(v, w.input())));
                }
            }
        }
        for (int i = 0; i < n.inputs().size(); i++) {
            LinkTracer.Source s = tracer.resolveInput(n, i);
            String name = n.inputs().get(i).name();
            if (s instanceof LinkTracer.Output o) {
                in.put(name, new ApiInput.LinkRef(o.nodeId(), o.slot()));
            } else if (s instanceof LinkTracer.Value v) {
                InputSpec is = spec.flatMap(sp -> sp.input(name)).orElse(null);
                in.put(name, ApiInput.Constant.wrapping(widgetValue(v.value(), is)));
            }
        }
        return in;
    }

    /** The frontend runs dynamicPrompts STRING widgets through processDynamicPrompt on export. */
    private JsonElement widgetValue(JsonElement v, InputSpec spec) {
        if (spec != null && spec.dynamicPrompts() && "STRING".equals(spec.type()) && v != null && v.isJsonPrimitive()
                && v.getAsJsonPrimitive().isString()) {
            return new JsonPrimitive(DynamicPrompts.process(v.getAsString(), options.random()));
        }
        return v;
    }

    private static Map<String, ApiNode> dropDanglingLinks(Map<String, ApiNode> nodes) {
        Map<String, ApiNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, ApiNode> e : nodes.entrySet()) {
            ApiNode n = e.getValue();
            Map<String, ApiInput> in = new LinkedHashMap<>(n.inputs());
            in.values().removeIf(v -> v instanceof ApiInput.LinkRef l && !nodes.containsKey(l.nodeId()));
            out.put(e.getKey(), new ApiNode(n.classType(), in, n.title(), n.extra()));
        }
        return out;
    }

    /**
     * Nodes with every node before the nodes it feeds; ties and cycles keep file order (a cycle is
     * the executor's to report).
     */
    static List<Node> executionOrder(Graph graph) {
        Map<Integer, Integer> pending = new HashMap<>();
        Map<Integer, List<Integer>> feeds = new HashMap<>();
        for (Node n : graph.nodes()) {
            pending.put(n.id(), 0);
        }
        for (Link l : graph.links()) {
            pending.merge(l.targetId(), 1, Integer::sum);
            feeds.computeIfAbsent(l.originId(), k -> new ArrayList<>()).add(l.targetId());
        }
        Set<Integer> done = new LinkedHashSet<>();
        Deque<Integer> ready = new ArrayDeque<>();
        for (Node n : graph.nodes()) {
            if (pending.get(n.id()) == 0) {
                ready.add(n.id());
            }
        }
        while (done.size() < graph.nodeCount()) {
            if (ready.isEmpty()) {
                graph.nodes().stream().map(Node::id).filter(id -> !done.contains(id)).findFirst().ifPresent(ready::add);
            }
            int id = ready.poll();
            if (!done.add(id)) {
                continue;
            }
            for (int t : feeds.getOrDefault(id, List.of())) {
                if (pending.merge(t, -1, Integer::sum) == 0 && !done.contains(t)) {
                    ready.add(t);
                }
            }
        }
        return done.stream().map(graph::requireNode).toList();
    }
}
