package dev.weft.graph;

import com.google.gson.JsonArray;
import java.util.List;
import java.util.Optional;

/** The positional layout of a node type's {@code widgets_values}, as the frontend builds it. */
public record WidgetLayout(List<WidgetSlot> slots) {
    public WidgetLayout {
        slots = List.copyOf(slots);
    }

    public int size() {
        return slots.size();
    }

    /** Position of the value widget with this name, else of the first widget with this name, or -1. */
    public int indexOf(String name) {
        for (WidgetSlot s : slots) {
            if (s.kind() == WidgetKind.VALUE && s.name().equals(name)) {
                return s.index();
            }
        }
        for (WidgetSlot s : slots) {
            if (s.name().equals(name)) {
                return s.index();
            }
        }
        return -1;
    }

    public Optional<WidgetSlot> slot(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(slots.get(i));
    }

    /** The control widget that follows the value widget at {@code valueIndex}, if any. */
    public Optional<WidgetSlot> controlFor(int valueIndex) {
        int next = valueIndex + 1;
        if (next < slots.size() && slots.get(next).kind() == WidgetKind.CONTROL_AFTER_GENERATE) {
            return Optional.of(slots.get(next));
        }
        return Optional.empty();
    }

    /** The {@code widgets_values} of a freshly created node. */
    public JsonArray defaultValues() {
        JsonArray a = new JsonArray();
        for (WidgetSlot s : slots) {
            a.add(s.defaultValue().deepCopy());
        }
        return a;
    }
}
