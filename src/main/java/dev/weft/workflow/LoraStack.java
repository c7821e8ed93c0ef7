package dev.weft.workflow;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.graph.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weft's own {@code LoraStack} node (ComfyUI has none): a list of LoRAs applied in order to a model
 * and its CLIP, and its expansion into ComfyUI's {@code LoraLoader} chain on API export.
 *
 * <h2>The node</h2>
 * <ul>
 *   <li>Inputs: {@code model} (MODEL, required), {@code clip} (CLIP, optional; leave it unwired for
 *       a model-only stack).</li>
 *   <li>Outputs: 0 {@code MODEL}, 1 {@code CLIP}.</li>
 *   <li>One widget, {@code loras}, declared in the spec as
 *       {@code "loras": ["LORA_STACK", {"widgetType": "LORA_STACK", "default": []}]}, so it is a
 *       widget (see {@code InputSpec.isWidget}) at position 0 of {@code widgets_values}.</li>
 *   <li>Row storage: {@code widgets_values[0]} is a JSON list of rows
 *       {@code {"name": "file.safetensors", "strength_model": 1.0, "strength_clip": 1.0,
 *       "enabled": true}}, applied top to bottom. {@code name} is a file under
 *       {@code models/loras} as LoraLoader's {@code lora_name} takes it; the strengths default to
 *       1.0 and {@code enabled} to true when absent. Example:
 *       {@code "widgets_values": [[{"name": "a.safetensors", "strength_model": 0.8,
 *       "strength_clip": 0.8, "enabled": true}]]}.</li>
 * </ul>
 *
 * <h2>Expansion for ComfyUI</h2>
 * Each enabled row becomes a prompt node with id {@code "<stackId>:<rowIndex>"} (row index counts
 * all rows, so toggling one row does not rename the others; ComfyUI accepts any string id and uses
 * the same colon form for subgraph nodes). The first takes the stack's model and clip inputs,
 * each later one takes outputs 0 and 1 of the one before. With {@code clip} wired the rows are
 * {@code LoraLoader(model, clip, lora_name, strength_model, strength_clip)}; without, they are
 * {@code LoraLoaderModelOnly(model, lora_name, strength_model)}. Whatever read the stack's outputs
 * reads the last row's outputs. With no enabled row the stack passes its inputs through, like a
 * bypassed node. {@code _meta.title} is the stack's title followed by {@code " [row]"}.
 *
 * <p>Without expansion (Weft's own executor) the node is exported as is, its row list wrapped as
 * {@code {"__value__": [...]}} like any array widget value.
 */
public final class LoraStack {
    public static final String TYPE = "LoraStack";
    public static final String ROWS_WIDGET = "loras";

    /** One LoRA of the stack. */
    public record Row(String name, double strengthModel, double strengthClip, boolean enabled) {
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("name", name);
            o.add("strength_model", JsonIo.number(strengthModel));
            o.add("strength_clip", JsonIo.number(strengthClip));
            o.addProperty("enabled", enabled);
            return o;
        }
    }

    /** Where a stack output is read from after expansion. */
    record Exit(String promptNodeId, int slot, String passThroughInput) {
    }

    private final boolean expand;

    /** @param expand whether stacks are expanded into LoraLoader chains */
    LoraStack(boolean expand) {
        this.expand = expand;
    }

    /** The rows of a LoraStack node, in order. */
    public static List<Row> rows(Node node) throws WorkflowException {
        JsonElement v = node.widgetValues() != null && node.widgetValues().isJsonObject()
                ? node.widgetValues().getAsJsonObject().get(ROWS_WIDGET) : node.widgetValue(0).orElse(null);
        return rows(v, "node " + node.id() + " (" + TYPE + ")");
    }

    /**
     * Parses a row list, also accepting it wrapped as {@code {"__value__": [...]}}.
     *
     * @param where names the node in error messages
     */
    public static List<Row> rows(JsonElement value, String where) throws WorkflowException {
        if (value != null && value.isJsonObject() && value.getAsJsonObject().has("__value__")) {
            value = value.getAsJsonObject().get("__value__");
        }
        List<Row> rows = new ArrayList<>();
        if (value == null || value.isJsonNull()) {
            return rows;
        }
        if (!value.isJsonArray()) {
            throw new WorkflowException(where + ": widget '" + ROWS_WIDGET + "' must be a list of LoRA rows but is "
                    + JsonIo.compact(value));
        }
        JsonArray arr = value.getAsJsonArray();
        for (int i = 0; i < arr.size(); i++) {
            JsonObject o = JsonFields.objectOrNull(arr.get(i));
            String name = o == null ? null : JsonFields.stringOrNull(o.get("name"));
            if (name == null || name.isBlank()) {
                throw new WorkflowException(where + ": LoRA row " + i + " has no file name; pick a LoRA or delete the row");
            }
            double sm = o.has("strength_model") ? JsonFields.number(o.get("strength_model"), where + " row " + i + " strength_model") : 1.0;
            double sc = o.has("strength_clip") ? JsonFields.number(o.get("strength_clip"), where + " row " + i + " strength_clip") : 1.0;
            JsonElement en = o.get("enabled");
            boolean enabled = en == null || en.isJsonNull() || en.getAsBoolean();
            rows.add(new Row(name, sm, sc, enabled));
        }
        return rows;
    }

    /** The widget value for a list of rows (for {@code SetWidgetValue(id, 0, ...)}). */
    public static JsonArray toJson(List<Row> rows) {
        JsonArray a = new JsonArray();
        rows.forEach(r -> a.add(r.toJson()));
        return a;
    }

    // ---- expansion, used by PromptExporter

    boolean expands(Node node) {
        return expand && TYPE.equals(node.type()) && !node.mode().excludedFromPrompt();
    }

    Exit exit(Node stack, int slot) throws WorkflowException {
        String passThrough = slot == 0 ? "model" : "clip";
        List<Integer> enabled = enabledRows(stack);
        if (enabled.isEmpty() || slot == 1 && !clipWired(stack)) {
            return new Exit(null, slot, passThrough);
        }
        return new Exit(stack.id() + ":" + enabled.get(enabled.size() - 1), slot, null);
    }

    /** The LoraLoader chain for one stack, in order, keyed by prompt node id. */
    Map<String, ApiNode> expansion(Node stack, LinkTracer tracer, String title) throws WorkflowException {
        List<Row> rows = rows(stack);
        boolean withClip = clipWired(stack);
        LinkTracer.Source model = source(stack, "model", tracer);
        LinkTracer.Source clip = withClip ? source(stack, "clip", tracer) : null;
        Map<String, ApiNode> out = new LinkedHashMap<>();
        for (int idx : enabledRows(stack)) {
            Row r = rows.get(idx);
            Map<String, ApiInput> in = new LinkedHashMap<>();
            in.put("lora_name", new ApiInput.Constant(new com.google.gson.JsonPrimitive(r.name())));
            in.put("strength_model", new ApiInput.Constant(JsonIo.number(r.strengthModel())));
            if (withClip) {
                in.put("strength_clip", new ApiInput.Constant(JsonIo.number(r.strengthClip())));
            }
            put(in, "model", model);
            if (withClip) {
                put(in, "clip", clip);
            }
            String id = stack.id() + ":" + idx;
            out.put(id, new ApiNode(withClip ? "LoraLoader" : "LoraLoaderModelOnly", in, title + " [" + idx + "]", null));
            model = new LinkTracer.Output(id, 0);
            clip = new LinkTracer.Output(id, 1);
        }
        return out;
    }

    private List<Integer> enabledRows(Node stack) throws WorkflowException {
        List<Row> rows = rows(stack);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).enabled()) {
                idx.add(i);
            }
        }
        return idx;
    }

    private static boolean clipWired(Node stack) {
        return stack.input("clip").map(s -> s.link() != null).orElse(false);
    }

    private static LinkTracer.Source source(Node stack, String input, LinkTracer tracer) throws WorkflowException {
        int i = stack.inputIndex(input);
        return i < 0 ? null : tracer.resolveInput(stack, i);
    }

    private static void put(Map<String, ApiInput> in, String name, LinkTracer.Source s) {
        if (s instanceof LinkTracer.Output o) {
            in.put(name, new ApiInput.LinkRef(o.nodeId(), o.slot()));
        } else if (s instanceof LinkTracer.Value v) {
            in.put(name, ApiInput.Constant.wrapping(v.value()));
        }
    }
}
