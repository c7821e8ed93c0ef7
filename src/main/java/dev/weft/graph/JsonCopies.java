package dev.weft.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Defensive copies of the opaque JSON values model records carry. */
final class JsonCopies {
    private JsonCopies() {
    }

    static JsonObject object(JsonObject o) {
        return o == null ? new JsonObject() : o.deepCopy();
    }

    static JsonObject objectOrNull(JsonObject o) {
        return o == null ? null : o.deepCopy();
    }

    static JsonElement elementOrNull(JsonElement e) {
        return e == null ? null : e.deepCopy();
    }
}
