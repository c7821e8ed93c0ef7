package dev.weft.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.InputSection;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpec;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiInput;
import dev.weft.workflow.ApiNode;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.DynamicPrompts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --set NODE_ID.INPUT=VALUE}: a widget value given on the command line, typed by the node's
 * spec (INT and FLOAT must be numbers, BOOLEAN true or false, STRING and combos are taken as
 * written, other widget types as JSON). Range and choices are left to validation, which names the
 * node like any other error. A malformed override is bad input (exit code 2). Text for an input
 * with {@code dynamicPrompts} is resolved for the prompt as the frontend resolves widget text, while
 * the workflow keeps it as written.
 *
 * @param nodeId      the prompt node id
 * @param input       the input name
 * @param value       the typed value, as the workflow keeps it
 * @param promptValue the value the prompt gets (dynamic prompts resolved)
 */
record Overrides(String nodeId, String input, JsonElement value, JsonElement promptValue) {

    /**
     * Parses one {@code --set} argument against the prompt it will change.
     *
     * @throws CliException naming the argument and the fix when the node, the input or the value is wrong
     */
    static Overrides parse(String argument, ApiPrompt prompt, NodeRegistry registry) {
        String where = "weft run: --set " + argument + ": ";
        int eq = argument.indexOf('=');
        int dot = eq < 0 ? -1 : argument.lastIndexOf('.', eq);
        if (eq < 0 || dot <= 0 || dot == eq - 1) {
            throw CliException.badInput(where + "expected NODE_ID.INPUT=VALUE, e.g. 3.cfg=6.5");
        }
        String nodeId = argument.substring(0, dot);
        String input = argument.substring(dot + 1, eq);
        String text = argument.substring(eq + 1);
        ApiNode node = prompt.node(nodeId).orElseThrow(() -> CliException.badInput(where + "the workflow has no node "
                + nodeId + "; its nodes are " + String.join(", ", prompt.nodes().keySet())));
        NodeSpec spec = registry.find(node.classType()).orElseThrow(() -> CliException.badInput(where + "node " + nodeId
                + " is a " + node.classType() + ", which Weft does not know"));
        List<InputSpec> widgets = spec.inputs().stream()
                .filter(i -> i.section() != InputSection.HIDDEN && i.isWidget()).toList();
        InputSpec in = widgets.stream().filter(i -> i.name().equals(input)).findFirst()
                .orElseThrow(() -> CliException.badInput(where + "node " + nodeId + " (" + node.classType()
                        + ") has no value input '" + input + "'; it has "
                        + widgets.stream().map(InputSpec::name).collect(Collectors.joining(", "))));
        JsonElement value = typed(in, text, where);
        JsonElement resolved = in.dynamicPrompts() && "STRING".equals(in.type())
                ? new JsonPrimitive(DynamicPrompts.process(text, Math::random)) : value;
        return new Overrides(nodeId, input, value, resolved);
    }

    private static JsonElement typed(InputSpec in, String text, String where) {
        try {
            return switch (in.type()) {
                case "INT" -> new JsonPrimitive(new BigInteger(text.strip()));
                case "FLOAT" -> new JsonPrimitive(new BigDecimal(text.strip()));
                case "BOOLEAN" -> {
                    String b = text.strip().toLowerCase(Locale.ROOT);
                    if (!b.equals("true") && !b.equals("false")) {
                        throw CliException.badInput(where + in.name() + " takes true or false");
                    }
                    yield new JsonPrimitive(b.equals("true"));
                }
                case "STRING", "COMBO" -> new JsonPrimitive(text);
                default -> JsonParser.parseString(text);
            };
        } catch (NumberFormatException e) {
            throw CliException.badInput(where + in.name() + " takes " + ("INT".equals(in.type()) ? "a whole number" : "a number"));
        } catch (JsonParseException e) {
            throw CliException.badInput(where + in.name() + " takes a JSON value (" + in.type() + ")");
        }
    }

    /** The prompt with this value in place of whatever the input held (a constant or a link). */
    ApiPrompt applyTo(ApiPrompt prompt) {
        Map<String, ApiNode> nodes = new LinkedHashMap<>(prompt.nodes());
        ApiNode n = nodes.get(nodeId);
        Map<String, ApiInput> inputs = new LinkedHashMap<>(n.inputs());
        inputs.put(input, ApiInput.Constant.wrapping(promptValue));
        nodes.put(nodeId, new ApiNode(n.classType(), inputs, n.title(), n.extra()));
        return new ApiPrompt(nodes);
    }

    /**
     * Sets the same widget in the graph, so the workflow embedded in saved images shows the value
     * the image was made with. Nodes without that positional widget are left alone.
     */
    void applyTo(Graph graph, NodeRegistry registry) {
        Node node;
        try {
            node = graph.node(Integer.parseInt(nodeId)).orElse(null);
        } catch (NumberFormatException e) {
            return;
        }
        if (node == null || node.widgetValues() == null || !node.widgetValues().isJsonArray()) {
            return;
        }
        int index = registry.find(node.type()).map(s -> s.widgetLayout().indexOf(input)).orElse(-1);
        if (index >= 0 && index < node.widgetList().size()) {
            graph.apply(new GraphEdit.SetWidgetValue(node.id(), index, value));
        }
    }
}
