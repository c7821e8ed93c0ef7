package dev.weft.exec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.graph.InputSection;
import dev.weft.graph.InputSpec;
import dev.weft.nodes.FileList;
import dev.weft.nodes.ModelFolders;
import dev.weft.workflow.LoraStack;
import dev.weft.workflow.WorkflowException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The LoRA stack's own check (its {@code LORA_STACK} widget): the row list must parse, and each
 * enabled row must name a file of {@code models/loras} and keep its strengths within the ranges
 * the spec's {@code weft_row} gives. Disabled rows are skipped, since they do not run. Problems name
 * the row field, e.g. {@code loras[1].strength_model}.
 */
final class LoraRows {
    /** A problem with one field of one row. */
    record Problem(String input, ValidationKind kind, String message, String fix) {
    }

    private LoraRows() {
    }

    /** Whether an input holds LoRA rows. */
    static boolean isRowList(InputSpec in) {
        return in.option("widgetType").filter(JsonElement::isJsonPrimitive)
                .map(e -> e.getAsString().equals("LORA_STACK")).orElse(false);
    }

    /**
     * @param in    the row list input; its {@code options.options} are the LoRA files (filled by
     *              {@link dev.weft.nodes.FileChoices})
     * @param value the rows, unwrapped
     */
    static List<Problem> check(InputSpec in, JsonElement value, ModelFolders folders) {
        List<Problem> problems = new ArrayList<>();
        List<LoraStack.Row> rows;
        try {
            rows = LoraStack.rows(value, "the LoRA list");
        } catch (WorkflowException e) {
            problems.add(new Problem(in.name(), ValidationKind.CUSTOM_VALIDATION_FAILED, e.getMessage(),
                    "give " + in.name() + " as a list of rows {\"name\", \"strength_model\", \"strength_clip\", \"enabled\"}"));
            return problems;
        }
        List<String> files = in.option("options").filter(JsonElement::isJsonArray)
                .map(a -> stringsOf(a.getAsJsonArray())).orElse(List.of());
        JsonObject rowSpec = in.option("weft_row").filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject)
                .orElse(new JsonObject());
        for (int i = 0; i < rows.size(); i++) {
            LoraStack.Row row = rows.get(i);
            if (!row.enabled()) {
                continue;
            }
            String prefix = in.name() + "[" + i + "]";
            if (!files.contains(row.name())) {
                problems.add(new Problem(prefix + ".name", ValidationKind.VALUE_NOT_IN_LIST,
                        "'" + row.name() + "' is not in the loras folder",
                        FileInputs.fix(row.name(), FileList.LORAS, folders, files)));
            }
            strength(rowSpec, "strength_model", prefix, row.strengthModel()).ifPresent(problems::add);
            strength(rowSpec, "strength_clip", prefix, row.strengthClip()).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<Problem> strength(JsonObject rowSpec, String field, String prefix, double value) {
        JsonElement def = rowSpec.get(field);
        if (def == null || !def.isJsonArray() || def.getAsJsonArray().size() < 2
                || !def.getAsJsonArray().get(1).isJsonObject()) {
            return Optional.empty();
        }
        InputSpec spec = new InputSpec(prefix + "." + field, InputSection.REQUIRED, "FLOAT", List.of(),
                def.getAsJsonArray().get(1).getAsJsonObject());
        JsonElement shown = JsonParser.parseString(ConstantInputs.number(BigDecimal.valueOf(value)));
        if (ConstantInputs.read(spec, shown) instanceof ConstantInputs.Problem p) {
            return Optional.of(new Problem(spec.name(), p.kind(), p.message(), p.fix()));
        }
        return Optional.empty();
    }

    private static List<String> stringsOf(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> {
            if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
            }
        });
        return out;
    }
}
