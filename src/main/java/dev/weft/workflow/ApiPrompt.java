package dev.weft.workflow;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ComfyUI's API prompt, what {@code POST /prompt} takes: node id to node. Node ids are strings;
 * ComfyUI accepts any string (it uses {@code "parent:child"} ids for subgraph nodes).
 *
 * @param nodes id to node, in order
 */
public record ApiPrompt(Map<String, ApiNode> nodes) {
    public ApiPrompt {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    public Optional<ApiNode> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /**
     * Whether JSON is an API prompt the way the frontend decides it: a non-empty object whose every
     * value is an object with a string {@code class_type} and an object {@code inputs}.
     */
    public static boolean looksLikeApiPrompt(JsonElement e) {
        if (e == null || !e.isJsonObject() || e.getAsJsonObject().size() == 0) {
            return false;
        }
        for (Map.Entry<String, JsonElement> n : e.getAsJsonObject().entrySet()) {
            JsonElement v = n.getValue();
            if (!v.isJsonObject()) {
                return false;
            }
            JsonElement ct = v.getAsJsonObject().get("class_type");
            JsonElement in = v.getAsJsonObject().get("inputs");
            if (ct == null || !ct.isJsonPrimitive() || !ct.getAsJsonPrimitive().isString() || in == null || !in.isJsonObject()) {
                return false;
            }
        }
        return true;
    }

    /** @param source names the prompt in error messages */
    public static ApiPrompt fromJson(JsonElement e, String source) throws WorkflowException {
        if (!looksLikeApiPrompt(e)) {
            throw new WorkflowException(source + ": not a ComfyUI API prompt (expected an object of nodes, each with "
                    + "\"class_type\" and \"inputs\")");
        }
        Map<String, ApiNode> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> n : e.getAsJsonObject().entrySet()) {
            JsonObject o = n.getValue().getAsJsonObject();
            Map<String, ApiInput> inputs = new LinkedHashMap<>();
            o.getAsJsonObject("inputs").entrySet().forEach(i -> inputs.put(i.getKey(), ApiInput.fromJson(i.getValue())));
            JsonObject extra = o.deepCopy();
            extra.remove("class_type");
            extra.remove("inputs");
            String title = null;
            JsonElement meta = o.get("_meta");
            if (meta != null && meta.isJsonObject()) {
                title = JsonFields.stringOrNull(meta.getAsJsonObject().get("title"));
                JsonObject rest = meta.getAsJsonObject().deepCopy();
                rest.remove("title");
                if (rest.size() == 0) {
                    extra.remove("_meta");
                } else {
                    extra.add("_meta", rest);
                }
            }
            nodes.put(n.getKey(), new ApiNode(o.get("class_type").getAsString(), inputs, title, extra));
        }
        return new ApiPrompt(nodes);
    }

    public static ApiPrompt parse(String text, String source) throws WorkflowException {
        return fromJson(JsonIo.parse(text, source), source);
    }

    public static ApiPrompt read(Path file) throws IOException {
        return fromJson(JsonIo.read(file), file.getFileName().toString());
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        nodes.forEach((id, n) -> o.add(id, n.toJson()));
        return o;
    }

    /** Writes pretty JSON atomically. */
    public void write(Path file) throws IOException {
        JsonIo.writePretty(file, toJson());
    }
}
