package dev.weft.workflow;

import com.google.gson.JsonElement;
import dev.weft.graph.Graph;
import dev.weft.graph.InputSlot;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds where an input really gets its value from in an API prompt, the way the frontend's
 * {@code resolveInput}/{@code resolveOutput} do: through bypassed nodes (the bypassed node's input
 * of exactly the consumer's type, same index first), through legacy Reroute nodes (input i for
 * output i), to a PrimitiveNode's value, or to a real node's output. An expanded LoraStack resolves
 * to its last LoraLoader.
 */
final class LinkTracer {
    /** What an input resolves to. */
    sealed interface Source permits Output, Value {
    }

    /** Output {@code slot} of the prompt node {@code nodeId}. */
    record Output(String nodeId, int slot) implements Source {
    }

    /** A constant pushed in by a PrimitiveNode. */
    record Value(JsonElement value) implements Source {
    }

    private final Graph graph;
    private final LoraStack loras;

    LinkTracer(Graph graph, LoraStack loras) {
        this.graph = graph;
        this.loras = loras;
    }

    /** @return the source, or null when the input is unconnected or the trail ends nowhere */
    Source resolveInput(Node node, int inputIndex) throws WorkflowException {
        return resolveInput(node, inputIndex, new HashSet<>());
    }

    private Source resolveInput(Node node, int i, Set<String> visited) throws WorkflowException {
        if (!visited.add(node.id() + "[I]" + i)) {
            throw loop(node);
        }
        InputSlot in = node.inputs().get(i);
        if (in.link() == null) {
            return null;
        }
        Link l = graph.link(in.link()).orElseThrow();
        Node origin = graph.requireNode(l.originId());
        return resolveOutput(origin, l.originSlot(), in.type(), visited);
    }

    private Source resolveOutput(Node node, int slot, String type, Set<String> visited) throws WorkflowException {
        if (!visited.add(node.id() + "[O]" + slot)) {
            throw loop(node);
        }
        if (node.mode() == NodeMode.BYPASS) {
            List<InputSlot> inputs = node.inputs();
            int match = -1;
            if (slot < inputs.size() && inputs.get(slot).type().equals(type)) {
                match = slot;
            } else {
                for (int i = 0; i < inputs.size() && match < 0; i++) {
                    if (inputs.get(i).type().equals(type)) {
                        match = i;
                    }
                }
            }
            return match < 0 ? null : resolveInput(node, match, visited);
        }
        if (loras.expands(node)) {
            LoraStack.Exit exit = loras.exit(node, slot);
            if (exit.promptNodeId() != null) {
                return new Output(exit.promptNodeId(), exit.slot());
            }
            int passInput = node.inputIndex(exit.passThroughInput());
            return passInput < 0 ? null : resolveInput(node, passInput, visited);
        }
        if (VirtualNodes.PRIMITIVE.equals(node.type())) {
            return node.widgetValue(0).map(v -> (Source) new Value(v)).orElse(null);
        }
        if (VirtualNodes.isVirtual(node.type())) {
            return slot < node.inputs().size() ? resolveInput(node, slot, visited) : null;
        }
        return new Output(String.valueOf(node.id()), slot);
    }

    private static WorkflowException loop(Node node) {
        return new WorkflowException("node " + node.id() + " (" + node.type()
                + "): its wires loop back on themselves through reroutes or bypassed nodes; break the loop");
    }
}
