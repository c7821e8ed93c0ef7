package dev.weft.ui.canvas;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.graph.InputSection;
import dev.weft.graph.InputSpec;
import java.util.List;
import java.util.Optional;

/**
 * The value of a LoRA stack widget: a list of rows {@code {name, strength_model, strength_clip,
 * enabled}}, with the field specs from the input's {@code weft_row} option.
 */
public final class LoraRows {
    public static final String NAME = "name";
    public static final String STRENGTH_MODEL = "strength_model";
    public static final String STRENGTH_CLIP = "strength_clip";
    public static final String ENABLED = "enabled";

    private LoraRows() {
    }

    /** The rows of a value, as a fresh copy; empty when the value is not a list. */
    public static JsonArray rows(JsonElement value) {
        return value != null && value.isJsonArray() ? value.getAsJsonArray().deepCopy() : new JsonArray();
    }

    /** The spec of one row field, built from the {@code weft_row} option of the stack's input. */
    public static Optional<InputSpec> field(InputSpec stack, String name) {
        JsonElement row = stack.options().get("weft_row");
        if (row == null || !row.isJsonObject() || !row.getAsJsonObject().has(name)) {
            return Optional.empty();
        }
        JsonArray def = row.getAsJsonObject().getAsJsonArray(name);
        JsonObject options = def.size() > 1 && def.get(1).isJsonObject() ? def.get(1).getAsJsonObject() : new JsonObject();
        return Optional.of(new InputSpec(name, InputSection.REQUIRED, def.get(0).getAsString(), List.of(), options));
    }

    /** The LoRA file names the stack offers (filled from the models folder into {@code options}). */
    public static List<String> choices(InputSpec stack) {
        JsonElement o = stack.options().get("options");
        if (o == null || !o.isJsonArray()) {
            return List.of();
        }
        return o.getAsJsonArray().asList().stream().filter(JsonElement::isJsonPrimitive).map(JsonElement::getAsString)
                .toList();
    }

    /** A new row: the first LoRA offered (or none), strengths 1, enabled. */
    public static JsonObject newRow(InputSpec stack) {
        JsonObject r = new JsonObject();
        List<String> c = choices(stack);
        r.addProperty(NAME, c.isEmpty() ? "" : c.get(0));
        r.addProperty(STRENGTH_MODEL, 1.0);
        r.addProperty(STRENGTH_CLIP, 1.0);
        r.addProperty(ENABLED, true);
        return r;
    }

    /** The value with one field of one row replaced. */
    public static JsonArray withField(JsonElement value, int row, String field, JsonElement v) {
        JsonArray a = rows(value);
        if (row >= 0 && row < a.size() && a.get(row).isJsonObject()) {
            a.get(row).getAsJsonObject().add(field, v.deepCopy());
        }
        return a;
    }

    public static boolean enabled(JsonObject row) {
        JsonElement e = row.get(ENABLED);
        return e == null || !e.isJsonPrimitive() || e.getAsBoolean();
    }

    /** The field of a row that a widget part edits. */
    public static String fieldOf(WidgetPart part) {
        return switch (part) {
            case ROW_NAME -> NAME;
            case ROW_MODEL_STRENGTH -> STRENGTH_MODEL;
            case ROW_CLIP_STRENGTH -> STRENGTH_CLIP;
            case ROW_TOGGLE -> ENABLED;
            default -> throw new IllegalArgumentException(part + " is not a LoRA row field");
        };
    }
}
