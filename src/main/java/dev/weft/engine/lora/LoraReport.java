package dev.weft.engine.lora;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What matching one LoRA file against a model found: how many layers patch each model, and every
 * key that does not take part, so nothing is dropped silently. {@link #warnings()} turns it into
 * messages for the run log.
 *
 * @param lora                   the file name
 * @param unetLayers             layers that patch the UNet
 * @param clipLayers             layers that patch the text encoder
 * @param unsupported            layers skipped because of their kind (e.g. "LoHa" → 40), in order found
 * @param mismatches             layers whose shape does not fit their target, described, in order
 * @param unknownKeys            keys of the file that name no layer of the model, sorted
 * @param unknownKinds           kinds recognised among the unknown keys (e.g. "LoKr" → 12)
 * @param textEncoderKeysSkipped text-encoder keys not used because no CLIP is connected
 */
public record LoraReport(String lora, int unetLayers, int clipLayers, Map<String, Integer> unsupported,
                         List<String> mismatches, List<String> unknownKeys, Map<String, Integer> unknownKinds,
                         int textEncoderKeysSkipped) {
    private static final int EXAMPLES = 3;

    public LoraReport {
        unsupported = Map.copyOf(unsupported);
        mismatches = List.copyOf(mismatches);
        unknownKeys = List.copyOf(unknownKeys);
        unknownKinds = Map.copyOf(unknownKinds);
    }

    /** Whether the file changes no weight of the model. */
    public boolean appliesNothing() {
        return unetLayers + clipLayers == 0;
    }

    /** One line per kind of problem, each naming the file, a count and examples; empty when all is well. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (!unknownKeys.isEmpty()) {
            String kinds = unknownKinds.isEmpty() ? ""
                    : "; among them " + String.join(", ", unknownKinds.keySet()) + " weights, which Weft does not apply";
            int n = unknownKeys.size();
            out.add(String.format(Locale.ROOT, "%s: %s %s no layer of this model and %s ignored (e.g. %s)%s", lora,
                    count(n, "key"), n == 1 ? "matches" : "match", n == 1 ? "was" : "were", examples(unknownKeys), kinds));
        }
        unsupported.forEach((kind, n) -> out.add(String.format(Locale.ROOT,
                "%s: %s %s %s, which Weft does not apply yet; %s left unpatched", lora, count(n, "layer"),
                n == 1 ? "uses" : "use", kind, n == 1 ? "it was" : "they were")));
        if (!mismatches.isEmpty()) {
            int n = mismatches.size();
            out.add(String.format(Locale.ROOT, "%s: %s %s not fit this model's weights and %s left unpatched (e.g. %s);"
                    + " is the LoRA made for another base model (SDXL, SD 2.x)?", lora, count(n, "layer"),
                    n == 1 ? "does" : "do", n == 1 ? "was" : "were", examples(mismatches)));
        }
        if (appliesNothing()) {
            out.add(lora + " changed no weight of this model");
        }
        return out;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String examples(List<String> items) {
        List<String> shown = items.subList(0, Math.min(EXAMPLES, items.size()));
        return String.join(", ", shown) + (items.size() > EXAMPLES ? ", ..." : "");
    }
}
