package dev.weft.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One input of a node type, from {@code /object_info}: {@code "name": [TYPE, {options}]}.
 *
 * @param name the input name
 * @param section required, optional or hidden
 * @param type {@code INT}, {@code FLOAT}, {@code STRING}, {@code BOOLEAN}, {@code COMBO} (for a V1
 *     option list as well as a V3 {@code "COMBO"}), or a socket type such as {@code MODEL}; for
 *     hidden inputs the hidden kind such as {@code PROMPT}
 * @param choices the combo options (V1 list or V3 {@code options.options}); empty otherwise
 * @param options the raw options object, every key kept (read-only by contract)
 */
public record InputSpec(String name, InputSection section, String type, List<JsonElement> choices,
        JsonObject options) {

    /** Types the frontend turns into widgets rather than sockets. */
    public static final Set<String> WIDGET_TYPES = Set.of("INT", "FLOAT", "STRING", "BOOLEAN", "COMBO");

    public InputSpec {
        choices = List.copyOf(choices);
        options = JsonCopies.object(options);
    }

    /**
     * Whether the frontend makes a widget for this input: a primitive widget type, or any type whose
     * options name a {@code widgetType} (how Weft's own LoraStack declares its row list), unless
     * {@code forceInput} makes it a socket. Hidden inputs are never widgets.
     */
    public boolean isWidget() {
        if (section == InputSection.HIDDEN || forceInput()) {
            return false;
        }
        return WIDGET_TYPES.contains(type) || options.has("widgetType");
    }

    public boolean isCombo() {
        return "COMBO".equals(type);
    }

    /** The combo choices that are strings (the ones the frontend can step through). */
    public List<String> stringChoices() {
        return choices.stream().filter(e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())
                .map(JsonElement::getAsString).toList();
    }

    public Optional<JsonElement> option(String key) {
        JsonElement v = options.get(key);
        return v == null || v.isJsonNull() ? Optional.empty() : Optional.of(v);
    }

    public Optional<JsonElement> defaultValue() {
        return option("default");
    }

    public OptionalDouble min() {
        return number("min");
    }

    public OptionalDouble max() {
        return number("max");
    }

    public OptionalDouble step() {
        return number("step");
    }

    /** The {@code round} option; empty when absent or {@code false}. */
    public OptionalDouble round() {
        return number("round");
    }

    public boolean multiline() {
        return bool("multiline");
    }

    public boolean dynamicPrompts() {
        return bool("dynamicPrompts");
    }

    public boolean imageUpload() {
        return bool("image_upload");
    }

    public boolean forceInput() {
        return bool("forceInput");
    }

    public Optional<String> tooltip() {
        return option("tooltip").filter(JsonElement::isJsonPrimitive).map(JsonElement::getAsString);
    }

    /**
     * The default mode of the {@code control_after_generate} widget the frontend adds after this
     * input, or empty when it adds none. INT and COMBO inputs get one when the option is
     * {@code true} (mode {@code randomize}) or a mode string; INT inputs named {@code seed} or
     * {@code noise_seed} get one when the option is absent, as the frontend falls back on the name.
     */
    public Optional<String> controlAfterGenerate() {
        if (!isWidget() || !("INT".equals(type) || isCombo())) {
            return Optional.empty();
        }
        JsonElement v = options.get("control_after_generate");
        if (v == null || v.isJsonNull()) {
            boolean seedName = "INT".equals(type) && (name.equals("seed") || name.equals("noise_seed"));
            return seedName ? Optional.of("randomize") : Optional.empty();
        }
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            return Optional.of(v.getAsString());
        }
        return truthy(v) ? Optional.of("randomize") : Optional.empty();
    }

    /** The value a new widget starts with, following the frontend's per-type fallbacks. */
    public JsonElement widgetDefault() {
        Optional<JsonElement> d = defaultValue();
        if (d.isPresent()) {
            return d.get().deepCopy();
        }
        return switch (type) {
            case "INT", "FLOAT" -> new JsonPrimitive(0);
            case "STRING" -> new JsonPrimitive("");
            case "BOOLEAN" -> new JsonPrimitive(false);
            case "COMBO" -> choices.isEmpty() ? com.google.gson.JsonNull.INSTANCE : choices.get(0).deepCopy();
            default -> com.google.gson.JsonNull.INSTANCE;
        };
    }

    private OptionalDouble number(String key) {
        JsonElement v = options.get(key);
        if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            return OptionalDouble.of(v.getAsDouble());
        }
        return OptionalDouble.empty();
    }

    private boolean bool(String key) {
        JsonElement v = options.get(key);
        return v != null && truthy(v);
    }

    private static boolean truthy(JsonElement v) {
        if (!v.isJsonPrimitive()) {
            return !v.isJsonNull();
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            return p.getAsDouble() != 0;
        }
        return !p.getAsString().isEmpty();
    }
}
