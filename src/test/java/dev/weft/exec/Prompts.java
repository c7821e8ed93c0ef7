package dev.weft.exec;

import com.google.gson.JsonElement;
import dev.weft.workflow.ApiInput;
import dev.weft.workflow.ApiNode;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.WorkflowException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small edits of API prompts for tests. */
public final class Prompts {
    private Prompts() {
    }

    /** A copy with one input set to a constant (or, for a 2-array, a link). */
    public static ApiPrompt with(ApiPrompt p, String nodeId, String input, JsonElement value) {
        Map<String, ApiNode> nodes = new LinkedHashMap<>(p.nodes());
        ApiNode n = nodes.get(nodeId);
        Map<String, ApiInput> inputs = new LinkedHashMap<>(n.inputs());
        inputs.put(input, ApiInput.fromJson(value));
        nodes.put(nodeId, new ApiNode(n.classType(), inputs, n.title(), n.extra()));
        return new ApiPrompt(nodes);
    }

    /** A copy without one input. */
    public static ApiPrompt without(ApiPrompt p, String nodeId, String input) {
        Map<String, ApiNode> nodes = new LinkedHashMap<>(p.nodes());
        ApiNode n = nodes.get(nodeId);
        Map<String, ApiInput> inputs = new LinkedHashMap<>(n.inputs());
        inputs.remove(input);
        nodes.put(nodeId, new ApiNode(n.classType(), inputs, n.title(), n.extra()));
        return new ApiPrompt(nodes);
    }

    /** Parses API prompt JSON written in a test. */
    public static ApiPrompt parse(String json) {
        try {
            return ApiPrompt.parse(json, "test prompt");
        } catch (WorkflowException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
