package dev.weft.workflow;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One node of an API prompt.
 *
 * @param classType the node type
 * @param inputs input name to value, in order
 * @param title {@code _meta.title}, or {@code null} (the backend ignores it)
 * @param extra other keys of the node object, written back unchanged
 */
public record ApiNode(String classType, Map<String, ApiInput> inputs, String title, JsonObject extra) {
    public ApiNode {
        if (classType == null || classType.isEmpty()) {
            throw new IllegalArgumentException("an API node needs a class_type");
        }
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        extra = extra == null ? new JsonObject() : extra.deepCopy();
    }

    public Optional<ApiInput> input(String name) {
        return Optional.ofNullable(inputs.get(name));
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonObject in = new JsonObject();
        inputs.forEach((k, v) -> in.add(k, v.toJson()));
        o.add("inputs", in);
        o.addProperty("class_type", classType);
        JsonObject meta = extra.has("_meta") && extra.get("_meta").isJsonObject()
                ? extra.getAsJsonObject("_meta").deepCopy() : new JsonObject();
        if (title != null) {
            meta.addProperty("title", title);
        }
        if (meta.size() > 0) {
            o.add("_meta", meta);
        }
        for (Map.Entry<String, JsonElement> e : extra.entrySet()) {
            if (!o.has(e.getKey())) {
                o.add(e.getKey(), e.getValue());
            }
        }
        return o;
    }
}
