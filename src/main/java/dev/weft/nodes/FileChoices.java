package dev.weft.nodes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Fills the file lists of spec entries: every input whose options carry {@code "weft_files"}
 * gets the current names of that {@link FileList}.
 *
 * <p>Where the names go follows ComfyUI's conventions: a V1 combo ({@code [[...], {...}]}) gets
 * them as its choice list, replacing whatever list the file held; any other input type (LoraStack's
 * {@code LORA_STACK}) gets them as {@code options.options}, where ComfyUI's V3 combos keep theirs.
 * The {@code weft_files} option itself is kept. Inputs in the {@code hidden} section are left alone.
 */
public final class FileChoices {
    private FileChoices() {
    }

    /** A deep copy of {@code entry} with its file lists filled from {@code folders}. */
    public static JsonObject fill(JsonObject entry, ModelFolders folders) {
        return fill(entry, cached(list -> list.names(folders)));
    }

    /**
     * A deep copy of {@code entry} with its file lists filled from {@code names}.
     *
     * @throws IllegalArgumentException naming the node and input when a {@code weft_files} value is
     *                                  not a known {@link FileList}
     */
    public static JsonObject fill(JsonObject entry, Function<FileList, List<String>> names) {
        JsonObject copy = entry.deepCopy();
        JsonObject input = copy.has("input") && copy.get("input").isJsonObject() ? copy.getAsJsonObject("input") : null;
        if (input == null) {
            return copy;
        }
        for (Map.Entry<String, JsonElement> section : input.entrySet()) {
            if (section.getKey().equals("hidden") || !section.getValue().isJsonObject()) {
                continue;
            }
            for (Map.Entry<String, JsonElement> in : section.getValue().getAsJsonObject().entrySet()) {
                fillInput(copy, in.getKey(), in.getValue(), names);
            }
        }
        return copy;
    }

    /**
     * Fills every entry of a spec map, listing each folder once.
     *
     * @return class name to filled copy, sorted by class name
     */
    public static SortedMap<String, JsonObject> fillAll(Map<String, JsonObject> specs, ModelFolders folders) {
        return fillAll(specs, list -> list.names(folders));
    }

    /** Fills every entry of a spec map, asking {@code names} once per file list. */
    public static SortedMap<String, JsonObject> fillAll(Map<String, JsonObject> specs,
                                                        Function<FileList, List<String>> names) {
        Function<FileList, List<String>> once = cached(names);
        SortedMap<String, JsonObject> out = new TreeMap<>();
        specs.forEach((name, entry) -> out.put(name, fill(entry, once)));
        return out;
    }

    private static void fillInput(JsonObject entry, String inputName, JsonElement spec,
                                  Function<FileList, List<String>> names) {
        if (!spec.isJsonArray() || spec.getAsJsonArray().size() < 2 || !spec.getAsJsonArray().get(1).isJsonObject()) {
            return;
        }
        JsonArray pair = spec.getAsJsonArray();
        JsonObject options = pair.get(1).getAsJsonObject();
        JsonElement key = options.get("weft_files");
        if (key == null) {
            return;
        }
        String keyText = key.isJsonPrimitive() ? key.getAsString() : key.toString();
        FileList list = FileList.byKey(keyText).orElseThrow(() -> new IllegalArgumentException(
                "Node spec " + nodeName(entry) + ", input '" + inputName + "': weft_files '" + keyText
                        + "' is not a known file list; use one of " + FileList.keys()));
        JsonArray choices = new JsonArray();
        names.apply(list).forEach(choices::add);
        if (pair.get(0).isJsonArray()) {
            pair.set(0, choices);
        } else {
            options.add("options", choices);
        }
    }

    private static String nodeName(JsonObject entry) {
        JsonElement name = entry.get("name");
        return name != null && name.isJsonPrimitive() ? name.getAsString() : "(unnamed)";
    }

    private static Function<FileList, List<String>> cached(Function<FileList, List<String>> names) {
        Map<FileList, List<String>> seen = new EnumMap<>(FileList.class);
        return list -> seen.computeIfAbsent(list, names);
    }
}
