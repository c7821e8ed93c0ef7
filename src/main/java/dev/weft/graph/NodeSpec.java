package dev.weft.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The definition of one node type, parsed from one entry of ComfyUI's {@code /object_info}
 * (V1 nodes, and V3 nodes as the server presents them in V1 form). Immutable.
 *
 * <p>The entry is kept whole, so {@link #toJson()} returns exactly what {@link #parse} was given.
 */
public final class NodeSpec {
    private final String classType;
    private final List<InputSpec> inputs;
    private final List<OutputSpec> outputs;
    private final WidgetLayout widgetLayout;
    private final JsonObject json;

    private NodeSpec(String classType, List<InputSpec> inputs, List<OutputSpec> outputs, JsonObject json) {
        this.classType = classType;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.json = json;
        this.widgetLayout = layout(this.inputs);
    }

    /**
     * Parses one {@code /object_info} entry.
     *
     * @param classType the key the entry is stored under (the node's class_type)
     * @param entry the entry: {@code {"input": {...}, "input_order": {...}, "output": [...], ...}}
     * @throws IllegalArgumentException naming the node type and the offending key when the entry is
     *     malformed
     */
    public static NodeSpec parse(String classType, JsonObject entry) {
        JsonObject copy = entry.deepCopy();
        List<InputSpec> inputs = new ArrayList<>();
        JsonObject input = objectOrEmpty(copy, "input", classType);
        JsonObject order = objectOrEmpty(copy, "input_order", classType);
        for (InputSection section : InputSection.values()) {
            JsonObject defs = objectOrEmpty(input, section.key(), classType);
            for (String name : orderedNames(defs, order, section)) {
                inputs.add(parseInput(classType, name, section, defs.get(name)));
            }
        }
        return new NodeSpec(classType, inputs, parseOutputs(classType, copy), copy);
    }

    /** The entry as given to {@link #parse}, as a fresh copy. */
    public JsonObject toJson() {
        return json.deepCopy();
    }

    public String classType() {
        return classType;
    }

    /** Inputs in {@code input_order}: required, then optional, then hidden. */
    public List<InputSpec> inputs() {
        return inputs;
    }

    public Optional<InputSpec> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public List<OutputSpec> outputs() {
        return outputs;
    }

    /** {@code display_name}, falling back to the class_type. */
    public String displayName() {
        return string("display_name").orElse(classType);
    }

    public String category() {
        return string("category").orElse("");
    }

    public String description() {
        return string("description").orElse("");
    }

    public boolean outputNode() {
        return bool("output_node");
    }

    public boolean deprecated() {
        return bool("deprecated");
    }

    public boolean experimental() {
        return bool("experimental");
    }

    /**
     * The positional layout of {@code widgets_values} as the frontend builds it: widget inputs in
     * input order (required, then optional); a {@code control_after_generate} right after each
     * input that has one (plus {@code control_filter_list} after a combo's); and one {@code upload}
     * widget (value {@code "image"}) after the required inputs when a required combo has
     * {@code image_upload}. Extra widgets are marked {@code serialize=false}.
     */
    public WidgetLayout widgetLayout() {
        return widgetLayout;
    }

    /**
     * A new node of this type with default widget values, a socket for every non-widget input
     * (required and optional) and the spec's outputs. The size is an estimate the UI may refine.
     */
    public Node instantiate(int id, Point pos) {
        List<InputSlot> in = new ArrayList<>();
        for (InputSpec i : inputs) {
            if (i.section() != InputSection.HIDDEN && !i.isWidget()) {
                in.add(InputSlot.socket(i.name(), i.type()));
            }
        }
        List<OutputSlot> out = new ArrayList<>();
        for (OutputSpec o : outputs) {
            out.add(OutputSlot.of(o.name(), o.type()));
        }
        int rows = Math.max(in.size(), out.size());
        int widgets = widgetLayout.size();
        Size size = new Size(widgets > 0 ? 315 : 210, 30 + rows * 20 + widgets * 24 + 10);
        Node n = Node.create(id, classType, pos, size).withInputs(in).withOutputs(out);
        return widgets == 0 ? n : n.withWidgetValues(widgetLayout.defaultValues());
    }

    @Override
    public String toString() {
        return "NodeSpec[" + classType + "]";
    }

    // ---- parsing

    private static InputSpec parseInput(String classType, String name, InputSection section, JsonElement def) {
        JsonElement typeEl;
        JsonObject options = new JsonObject();
        if (def != null && def.isJsonArray() && !def.getAsJsonArray().isEmpty()) {
            JsonArray arr = def.getAsJsonArray();
            typeEl = arr.get(0);
            if (arr.size() > 1 && arr.get(1).isJsonObject()) {
                options = arr.get(1).getAsJsonObject();
            }
        } else if (def != null && def.isJsonPrimitive()) {
            typeEl = def; // hidden inputs: "prompt": "PROMPT"
        } else {
            throw new IllegalArgumentException("node spec " + classType + ": input '" + name
                    + "' must be [TYPE, {options}] but is " + def);
        }
        List<JsonElement> choices = new ArrayList<>();
        String type;
        if (typeEl.isJsonArray()) {
            type = "COMBO";
            typeEl.getAsJsonArray().forEach(choices::add);
        } else if (typeEl.isJsonPrimitive()) {
            type = typeEl.getAsString();
            JsonElement v3 = options.get("options");
            if ("COMBO".equals(type) && v3 != null && v3.isJsonArray()) {
                v3.getAsJsonArray().forEach(choices::add);
            }
        } else {
            throw new IllegalArgumentException("node spec " + classType + ": input '" + name
                    + "' has a type that is neither a string nor a list: " + typeEl);
        }
        return new InputSpec(name, section, type, choices, options);
    }

    private static List<OutputSpec> parseOutputs(String classType, JsonObject e) {
        JsonArray types = arrayOrEmpty(e, "output", classType);
        JsonArray names = arrayOrEmpty(e, "output_name", classType);
        JsonArray isList = arrayOrEmpty(e, "output_is_list", classType);
        JsonArray tips = arrayOrEmpty(e, "output_tooltips", classType);
        List<OutputSpec> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            JsonElement t = types.get(i);
            String type = t.isJsonArray() ? "COMBO" : t.getAsString();
            String name = i < names.size() && names.get(i).isJsonPrimitive() ? names.get(i).getAsString() : type;
            boolean list = i < isList.size() && isList.get(i).isJsonPrimitive() && isList.get(i).getAsBoolean();
            String tip = i < tips.size() && tips.get(i).isJsonPrimitive() ? tips.get(i).getAsString() : null;
            out.add(new OutputSpec(i, type, name, list, tip));
        }
        return out;
    }

    /** Names in {@code input_order} first (skipping unknown ones), then any the order left out. */
    private static Set<String> orderedNames(JsonObject defs, JsonObject order, InputSection section) {
        Set<String> names = new LinkedHashSet<>();
        JsonElement o = order.get(section.key());
        if (o != null && o.isJsonArray()) {
            for (JsonElement n : o.getAsJsonArray()) {
                if (defs.has(n.getAsString())) {
                    names.add(n.getAsString());
                }
            }
        }
        names.addAll(defs.keySet());
        return names;
    }

    private static WidgetLayout layout(List<InputSpec> inputs) {
        List<WidgetSlot> slots = new ArrayList<>();
        for (InputSection section : List.of(InputSection.REQUIRED, InputSection.OPTIONAL)) {
            InputSpec uploadTarget = null;
            for (InputSpec in : inputs) {
                if (in.section() != section || !in.isWidget()) {
                    continue;
                }
                slots.add(new WidgetSlot(slots.size(), in.name(), WidgetKind.VALUE, in, true, in.widgetDefault()));
                Optional<String> control = in.controlAfterGenerate();
                if (control.isPresent()) {
                    slots.add(new WidgetSlot(slots.size(), "control_after_generate", WidgetKind.CONTROL_AFTER_GENERATE,
                            in, false, new JsonPrimitive(control.get())));
                    if (in.isCombo()) {
                        slots.add(new WidgetSlot(slots.size(), "control_filter_list", WidgetKind.CONTROL_FILTER_LIST,
                                in, false, new JsonPrimitive("")));
                    }
                }
                if (in.isCombo() && in.imageUpload() && uploadTarget == null) {
                    uploadTarget = in;
                }
            }
            // The frontend appends the upload button as one more required input, after all others.
            if (section == InputSection.REQUIRED && uploadTarget != null) {
                slots.add(new WidgetSlot(slots.size(), "upload", WidgetKind.UPLOAD, uploadTarget, false,
                        new JsonPrimitive("image")));
            }
        }
        return new WidgetLayout(slots);
    }

    private static JsonObject objectOrEmpty(JsonObject o, String key, String classType) {
        JsonElement v = o.get(key);
        if (v == null || v.isJsonNull()) {
            return new JsonObject();
        }
        if (!v.isJsonObject()) {
            throw new IllegalArgumentException("node spec " + classType + ": '" + key + "' must be an object");
        }
        return v.getAsJsonObject();
    }

    private static JsonArray arrayOrEmpty(JsonObject o, String key, String classType) {
        JsonElement v = o.get(key);
        if (v == null || v.isJsonNull()) {
            return new JsonArray();
        }
        if (!v.isJsonArray()) {
            throw new IllegalArgumentException("node spec " + classType + ": '" + key + "' must be a list");
        }
        return v.getAsJsonArray();
    }

    private Optional<String> string(String key) {
        JsonElement v = json.get(key);
        return v == null || v.isJsonNull() || !v.isJsonPrimitive() ? Optional.empty() : Optional.of(v.getAsString());
    }

    private boolean bool(String key) {
        JsonElement v = json.get(key);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && v.getAsBoolean();
    }
}
