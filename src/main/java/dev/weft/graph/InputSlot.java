package dev.weft.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One input socket of a node.
 *
 * @param name the input's name; for a widget socket, the widget's name (an empty string for the
 *     legacy Reroute node)
 * @param type the socket type, e.g. {@code "MODEL"}, {@code "*"} or a comma union
 * @param link the id of the link plugged into this input, or {@code null}
 * @param label a user label, or {@code null}
 * @param extra every other key of the slot's JSON ({@code widget}, {@code localized_name},
 *     {@code shape}, ...), written back unchanged; read-only by contract
 */
public record InputSlot(String name, String type, Integer link, String label, JsonObject extra) {
    public InputSlot {
        if (name == null || type == null) {
            throw new IllegalArgumentException("input slot needs a name and a type");
        }
        extra = JsonCopies.object(extra);
    }

    /** A plain socket input with no link. */
    public static InputSlot socket(String name, String type) {
        return new InputSlot(name, type, null, null, null);
    }

    /** A socket standing for a widget (the frontend's converted widget input), with no link. */
    public static InputSlot widgetSocket(String name, String type) {
        JsonObject widget = new JsonObject();
        widget.addProperty("name", name);
        JsonObject extra = new JsonObject();
        extra.add("widget", widget);
        return new InputSlot(name, type, null, null, extra);
    }

    /** The name of the widget this input stands for, or {@code null} for a plain socket. */
    public String widgetName() {
        JsonElement w = extra.get("widget");
        if (w != null && w.isJsonObject()) {
            JsonElement n = w.getAsJsonObject().get("name");
            if (n != null && n.isJsonPrimitive()) {
                return n.getAsString();
            }
        }
        return null;
    }

    public boolean isWidgetSocket() {
        return widgetName() != null;
    }

    public InputSlot withLink(Integer newLink) {
        return new InputSlot(name, type, newLink, label, extra);
    }
}
