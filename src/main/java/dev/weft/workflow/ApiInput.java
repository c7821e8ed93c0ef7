package dev.weft.workflow;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** One input value of a node in an API prompt: a constant or a link to another node's output. */
public sealed interface ApiInput permits ApiInput.Constant, ApiInput.LinkRef {

    JsonElement toJson();

    /** Reads a value: a two-element array {@code [nodeId, slot]} is a link, anything else a constant. */
    static ApiInput fromJson(JsonElement e) {
        if (e != null && e.isJsonArray() && e.getAsJsonArray().size() == 2) {
            JsonArray a = e.getAsJsonArray();
            JsonElement id = a.get(0);
            JsonElement slot = a.get(1);
            if (id.isJsonPrimitive() && slot.isJsonPrimitive() && slot.getAsJsonPrimitive().isNumber()) {
                return new LinkRef(id.getAsString(), slot.getAsInt());
            }
        }
        return new Constant(e);
    }

    /**
     * A constant. An array value is kept wrapped as {@code {"__value__": [...]}}, the form in which
     * it travels so that it is not mistaken for a link; {@link #unwrapped()} gives the array.
     */
    record Constant(JsonElement value) implements ApiInput {
        public Constant {
            value = value == null ? com.google.gson.JsonNull.INSTANCE : value.deepCopy();
        }

        /** Wraps array values as the frontend does: arrays travel as {@code {"__value__": [...]}}. */
        public static Constant wrapping(JsonElement v) {
            if (v != null && v.isJsonArray()) {
                JsonObject o = new JsonObject();
                o.add("__value__", v.deepCopy());
                return new Constant(o);
            }
            return new Constant(v);
        }

        /** The value with a {@code __value__} wrapper removed, as the backend sees it. */
        public JsonElement unwrapped() {
            if (value.isJsonObject() && value.getAsJsonObject().size() == 1 && value.getAsJsonObject().has("__value__")) {
                return value.getAsJsonObject().get("__value__");
            }
            return value;
        }

        @Override
        public JsonElement toJson() {
            return value.deepCopy();
        }
    }

    /**
     * A link: output {@code slot} of the node with id {@code nodeId}; written as
     * {@code ["nodeId", slot]}.
     */
    record LinkRef(String nodeId, int slot) implements ApiInput {
        @Override
        public JsonElement toJson() {
            JsonArray a = new JsonArray();
            a.add(nodeId);
            a.add(slot);
            return a;
        }
    }
}
