package dev.weft.ui.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An image a node reported in its UI output, as ComfyUI names it:
 * {@code {"filename": ..., "subfolder": ..., "type": "output"|"temp"|"input"}}.
 */
public record OutputImage(String filename, String subfolder, String type) {
    /** The images listed under {@code "images"} of a node's UI output; malformed entries are skipped. */
    public static List<OutputImage> fromUi(JsonObject ui) {
        List<OutputImage> out = new ArrayList<>();
        if (ui == null || !ui.has("images") || !ui.get("images").isJsonArray()) {
            return out;
        }
        for (JsonElement e : ui.getAsJsonArray("images")) {
            if (!e.isJsonObject() || !e.getAsJsonObject().has("filename")) {
                continue;
            }
            JsonObject o = e.getAsJsonObject();
            out.add(new OutputImage(o.get("filename").getAsString(), text(o, "subfolder"), text(o, "type")));
        }
        return out;
    }

    private static String text(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? "" : v.getAsString();
    }
}
