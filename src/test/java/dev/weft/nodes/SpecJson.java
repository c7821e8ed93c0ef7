package dev.weft.nodes;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.SortedMap;

/** Test helpers: spec look-up and exact JSON text comparison (numbers keep their written form). */
final class SpecJson {
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    /** The project's own nodes/ folder; surefire runs tests in the project directory. */
    static final Path PROJECT_NODES = Path.of(NodeSpecFiles.FOLDER);

    private static SortedMap<String, JsonObject> specs;

    private SpecJson() {
    }

    static synchronized SortedMap<String, JsonObject> specs() {
        if (specs == null) {
            specs = NodeSpecFiles.fromFolder(PROJECT_NODES);
        }
        return specs;
    }

    static JsonObject spec(String classType) {
        JsonObject spec = specs().get(classType);
        if (spec == null) {
            throw new AssertionError("no spec for " + classType);
        }
        return spec;
    }

    /** The {@code [type, options]} of an input, found in whichever section holds it. */
    static JsonArray input(JsonObject spec, String name) {
        JsonObject sections = spec.getAsJsonObject("input");
        for (String section : sections.keySet()) {
            JsonObject inputs = sections.getAsJsonObject(section);
            if (inputs.has(name)) {
                return inputs.getAsJsonArray(name);
            }
        }
        throw new AssertionError(spec.get("name") + " has no input " + name);
    }

    /** The input spec as compact JSON text with its (Weft-written) tooltip removed. */
    static String withoutTooltip(JsonArray inputSpec) {
        JsonArray copy = inputSpec.deepCopy();
        if (copy.size() > 1 && copy.get(1).isJsonObject()) {
            copy.get(1).getAsJsonObject().remove("tooltip");
        }
        return GSON.toJson(copy);
    }

    /** Re-serialises JSON text compactly, keeping each number exactly as written. */
    static String compact(String json) {
        return GSON.toJson(JsonParser.parseString(json));
    }

    static String text(JsonElement element) {
        return GSON.toJson(element);
    }
}
