package dev.weft.graph;

import com.google.gson.JsonElement;

/**
 * One position of a node's {@code widgets_values}.
 *
 * @param index position in {@code widgets_values}
 * @param name the widget's name; for {@link WidgetKind#VALUE} the input name it is exported under
 * @param kind what the position holds
 * @param input the spec input this widget edits, or for extra widgets the input they belong to
 * @param serialize whether the value goes into an API prompt; the frontend's extra widgets
 *     (control, filter, upload) are stored in the workflow but never sent
 * @param defaultValue the value a new node starts with
 */
public record WidgetSlot(int index, String name, WidgetKind kind, InputSpec input, boolean serialize,
        JsonElement defaultValue) {
}
