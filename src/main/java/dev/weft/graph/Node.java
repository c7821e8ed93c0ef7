package dev.weft.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One node of a graph: an immutable value. Edits replace a node with a changed copy made by the
 * {@code with...} methods, which is what lets an edit's inverse restore it exactly.
 *
 * <p>The JSON-valued components are copied on construction and must not be mutated through their
 * accessors.
 *
 * @param id stable id, unique in the graph
 * @param type the ComfyUI class_type, e.g. {@code "KSampler"}
 * @param title the user's title, or {@code null} to show the type's display name
 * @param pos top-left corner in canvas units
 * @param size width and height in canvas units
 * @param mode execution mode
 * @param color title bar colour, or {@code null}
 * @param bgcolor body colour, or {@code null}
 * @param flags the {@code flags} object ({@code collapsed}, {@code pinned} and any other keys)
 * @param properties the {@code properties} object, e.g. {@code {"Node name for S&R": "KSampler"}}
 * @param inputs input sockets in file order
 * @param outputs output sockets, addressed by index
 * @param widgetValues the {@code widgets_values}: normally an array in widget creation order (see
 *     {@link NodeSpec#widgetLayout()}); some custom nodes store an object; {@code null} when the
 *     node has none
 * @param extra every other key of the node's JSON ({@code order}, {@code shape}, ...), written back
 *     unchanged
 * @param format the node's original key layout, for exact write-back
 */
public record Node(int id, String type, String title, Point pos, Size size, NodeMode mode, String color,
        String bgcolor, JsonObject flags, JsonObject properties, List<InputSlot> inputs, List<OutputSlot> outputs,
        JsonElement widgetValues, JsonObject extra, NodeFormat format) {

    public Node {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("node " + id + " needs a type");
        }
        if (mode == null) {
            throw new IllegalArgumentException("node " + id + " needs a mode");
        }
        flags = JsonCopies.object(flags);
        properties = JsonCopies.object(properties);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        widgetValues = JsonCopies.elementOrNull(widgetValues);
        extra = JsonCopies.object(extra);
        format = format == null ? NodeFormat.NEW : format;
    }

    /** A bare node of the given type with no sockets or widgets; see {@link NodeSpec#instantiate}. */
    public static Node create(int id, String type, Point pos, Size size) {
        JsonObject props = new JsonObject();
        props.addProperty("Node name for S&R", type);
        return new Node(id, type, null, pos, size, NodeMode.ALWAYS, null, null, new JsonObject(), props, List.of(),
                List.of(), null, null, NodeFormat.NEW);
    }

    // ---- reading

    /** The title to show: the user's title, else the spec's display name, else the type. */
    public String displayTitle(NodeSpecs specs) {
        if (title != null) {
            return title;
        }
        return specs.find(type).map(NodeSpec::displayName).orElse(type);
    }

    public boolean isCollapsed() {
        return flag(NodeFlag.COLLAPSED);
    }

    public boolean isPinned() {
        return flag(NodeFlag.PINNED);
    }

    public boolean flag(NodeFlag f) {
        JsonElement v = flags.get(f.key());
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && v.getAsBoolean();
    }

    /** Index of the first input with this name, or -1. */
    public int inputIndex(String name) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<InputSlot> input(String name) {
        int i = inputIndex(name);
        return i < 0 ? Optional.empty() : Optional.of(inputs.get(i));
    }

    /** The positional widget values; empty when the node has none or stores them as an object. */
    public List<JsonElement> widgetList() {
        if (widgetValues == null || !widgetValues.isJsonArray()) {
            return List.of();
        }
        List<JsonElement> out = new ArrayList<>();
        widgetValues.getAsJsonArray().forEach(out::add);
        return Collections.unmodifiableList(out);
    }

    /** The widget value at a position, if present. */
    public Optional<JsonElement> widgetValue(int index) {
        List<JsonElement> l = widgetList();
        return index >= 0 && index < l.size() ? Optional.of(l.get(index)) : Optional.empty();
    }

    /**
     * The value of a named widget: found through the spec's layout for positional values, or by key
     * when the node stores its widgets as an object.
     */
    public Optional<JsonElement> widgetValue(NodeSpec spec, String name) {
        if (widgetValues != null && widgetValues.isJsonObject()) {
            return Optional.ofNullable(widgetValues.getAsJsonObject().get(name));
        }
        int i = spec.widgetLayout().indexOf(name);
        return i < 0 ? Optional.empty() : widgetValue(i);
    }

    // ---- copies

    public Node withPos(Point p) {
        return new Node(id, type, title, p, size, mode, color, bgcolor, flags, properties, inputs, outputs,
                widgetValues, extra, format);
    }

    public Node withSize(Size s) {
        return new Node(id, type, title, pos, s, mode, color, bgcolor, flags, properties, inputs, outputs,
                widgetValues, extra, format);
    }

    public Node withMode(NodeMode m) {
        return new Node(id, type, title, pos, size, m, color, bgcolor, flags, properties, inputs, outputs,
                widgetValues, extra, format);
    }

    public Node withTitle(String t) {
        return new Node(id, type, t, pos, size, mode, color, bgcolor, flags, properties, inputs, outputs,
                widgetValues, extra, format);
    }

    public Node withColors(String c, String bg) {
        return new Node(id, type, title, pos, size, mode, c, bg, flags, properties, inputs, outputs, widgetValues,
                extra, format);
    }

    /** Sets a flag to true, or removes its key when false (as LiteGraph does for pinned). */
    public Node withFlag(NodeFlag f, boolean on) {
        JsonObject fl = flags.deepCopy();
        if (on) {
            fl.addProperty(f.key(), true);
        } else {
            fl.remove(f.key());
        }
        return new Node(id, type, title, pos, size, mode, color, bgcolor, fl, properties, inputs, outputs,
                widgetValues, extra, format);
    }

    /** Sets a property, or removes it when {@code value} is null. */
    public Node withProperty(String key, JsonElement value) {
        JsonObject p = properties.deepCopy();
        if (value == null) {
            p.remove(key);
        } else {
            p.add(key, value.deepCopy());
        }
        return new Node(id, type, title, pos, size, mode, color, bgcolor, flags, p, inputs, outputs, widgetValues,
                extra, format);
    }

    public Node withInputs(List<InputSlot> in) {
        return new Node(id, type, title, pos, size, mode, color, bgcolor, flags, properties, in, outputs,
                widgetValues, extra, format);
    }

    public Node withInput(int index, InputSlot slot) {
        List<InputSlot> in = new ArrayList<>(inputs);
        in.set(index, slot);
        return withInputs(in);
    }

    public Node withOutputs(List<OutputSlot> out) {
        return new Node(id, type, title, pos, size, mode, color, bgcolor, flags, properties, inputs, out,
                widgetValues, extra, format);
    }

    public Node withOutput(int index, OutputSlot slot) {
        List<OutputSlot> out = new ArrayList<>(outputs);
        out.set(index, slot);
        return withOutputs(out);
    }

    public Node withWidgetValues(JsonElement values) {
        return new Node(id, type, title, pos, size, mode, color, bgcolor, flags, properties, inputs, outputs, values,
                extra, format);
    }

    /**
     * Sets one positional widget value, padding with nulls if the array is shorter.
     *
     * @throws IllegalStateException when the node stores its widget values as an object
     */
    public Node withWidgetValue(int index, JsonElement value) {
        if (index < 0) {
            throw new IllegalArgumentException("widget index " + index + " is negative");
        }
        if (widgetValues != null && !widgetValues.isJsonArray()) {
            throw new IllegalStateException("node " + id + " (" + type
                    + ") stores widgets_values as an object; positional widget edits do not apply to it");
        }
        JsonArray arr = widgetValues == null ? new JsonArray() : widgetValues.getAsJsonArray().deepCopy();
        while (arr.size() <= index) {
            arr.add(JsonNull.INSTANCE);
        }
        arr.set(index, value == null ? JsonNull.INSTANCE : value.deepCopy());
        return withWidgetValues(arr);
    }
}
