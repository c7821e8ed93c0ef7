package dev.weft.engine.lora;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.models.ModelLoadException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the layers of a {@link LoraFile} that a model has, as ComfyUI's {@code comfy.lora.load_lora}
 * does for SD 1.x: for every layer name of the {@link LoraKeyMap}, the file's {@code .alpha} and one
 * of the weight-suffix families {@code LoRAAdapter} accepts, plus plain differences. Everything
 * else is accounted for in the {@link LoraReport}. Engine thread only.
 */
public final class LoraMatcher {
    /** One naming of a low-rank pair: {@code <layer><up>}, {@code <layer><down>} and optionally {@code <layer><mid>}. */
    private record Family(String up, String down, String mid) {
    }

    /** LoRAAdapter's families, in the order it tries them. */
    private static final List<Family> FAMILIES = List.of(
            new Family(".lora_up.weight", ".lora_down.weight", ".lora_mid.weight"),
            new Family("_lora.up.weight", "_lora.down.weight", null),
            new Family(".lora_B.weight", ".lora_A.weight", null),
            new Family(".lora.up.weight", ".lora.down.weight", null),
            new Family(".lora_B", ".lora_A", null),
            new Family(".lora_linear_layer.up.weight", ".lora_linear_layer.down.weight", null),
            new Family(".lora_B.default.weight", ".lora_A.default.weight", null));

    /** Adapter kinds ComfyUI reads that Weft does not apply yet, by the key suffixes that reveal them. */
    private static final Map<String, List<String>> UNSUPPORTED = kinds();

    private static final List<String> TEXT_ENCODER_PREFIXES = List.of("lora_te", "text_encoder", "text_encoders.");

    /** What a file holds for one model. */
    public record Layers(Map<LoraTarget, LoraAdapter> adapters, LoraReport report) {
        public Layers {
            adapters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(adapters));
        }

        /** The adapters of one part, by weight key. */
        public Map<String, LoraAdapter> of(LoraTarget.Part part) {
            Map<String, LoraAdapter> out = new LinkedHashMap<>();
            adapters.forEach((t, a) -> {
                if (t.part() == part) {
                    out.put(t.key(), a);
                }
            });
            return out;
        }
    }

    private LoraMatcher() {
    }

    /**
     * Matches {@code file} against a model's layer names.
     *
     * @param shapeOf       the shape of a target weight, or {@code null} when the model lacks it
     * @param clipConnected whether the map covers a text encoder; when not, text-encoder keys are
     *                      counted as skipped instead of unknown
     * @throws ModelLoadException when nothing in the file can be applied because the file is not a
     *                            LoRA at all, or only holds adapter kinds Weft does not apply (named)
     */
    public static Layers match(LoraFile file, LoraKeyMap map, Function<LoraTarget, long[]> shapeOf,
                               boolean clipConnected) throws ModelLoadException {
        Set<String> keys = file.keys();
        Set<String> used = new HashSet<>();
        Map<LoraTarget, LoraAdapter> adapters = new LinkedHashMap<>();
        Map<String, Integer> unsupported = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, LoraTarget> e : map.stems().entrySet()) {
            String stem = e.getKey();
            LoraTarget target = e.getValue();
            Float alpha = null;
            if (keys.contains(stem + ".alpha")) {
                alpha = file.scalar(stem + ".alpha").orElse(null);
                used.add(stem + ".alpha");
            }
            boolean dora = keys.contains(stem + ".dora_scale");
            if (dora) {
                used.add(stem + ".dora_scale");
            }
            Optional<LoraAdapter.LowRank> lowRank = lowRank(file, stem, alpha, used);
            for (Map.Entry<String, List<String>> kind : UNSUPPORTED.entrySet()) {
                boolean found = false;
                for (String suffix : kind.getValue()) {
                    if (keys.contains(stem + suffix)) {
                        used.add(stem + suffix);
                        found = true;
                    }
                }
                if (found) {
                    unsupported.merge(kind.getKey(), 1, Integer::sum);
                }
            }
            if (lowRank.isPresent()) {
                if (dora) {
                    unsupported.merge("DoRA (dora_scale)", 1, Integer::sum);
                } else {
                    put(adapters, mismatches, stem, target, lowRank.get(), shapeOf);
                }
            }
            differences(file, stem, target, used, adapters, mismatches, shapeOf);
        }

        List<String> unknown = new ArrayList<>();
        Map<String, Integer> unknownKinds = new LinkedHashMap<>();
        int textEncoderSkipped = 0;
        for (String k : new TreeSet<>(keys)) {
            if (used.contains(k)) {
                continue;
            }
            if (!clipConnected && TEXT_ENCODER_PREFIXES.stream().anyMatch(k::startsWith)) {
                textEncoderSkipped++;
                continue;
            }
            unknown.add(k);
            kindOf(k).ifPresent(kind -> unknownKinds.merge(kind, 1, Integer::sum));
        }
        LoraReport report = new LoraReport(file.name(), count(adapters, LoraTarget.Part.UNET),
                count(adapters, LoraTarget.Part.CLIP), unsupported, mismatches, unknown, unknownKinds, textEncoderSkipped);
        refuseUseless(file, keys, report);
        return new Layers(adapters, report);
    }

    private static Optional<LoraAdapter.LowRank> lowRank(LoraFile file, String stem, Float alpha, Set<String> used) {
        for (Family f : FAMILIES) {
            Optional<NDArray> up = file.tensor(stem + f.up());
            Optional<NDArray> down = file.tensor(stem + f.down());
            if (up.isEmpty() || down.isEmpty()) {
                continue;
            }
            used.add(stem + f.up());
            used.add(stem + f.down());
            NDArray mid = null;
            if (f.mid() != null && file.keys().contains(stem + f.mid())) {
                mid = file.tensor(stem + f.mid()).orElseThrow();
                used.add(stem + f.mid());
            }
            return Optional.of(new LoraAdapter.LowRank(up.get(), down.get(), mid, alpha));
        }
        return Optional.empty();
    }

    /**
     * {@code .w_norm}/{@code .b_norm} and {@code .diff}/{@code .diff_b}: full differences of the
     * weight and of its bias; like ComfyUI, they replace a low-rank patch of the same weight.
     */
    private static void differences(LoraFile file, String stem, LoraTarget target, Set<String> used,
                                    Map<LoraTarget, LoraAdapter> adapters, List<String> mismatches,
                                    Function<LoraTarget, long[]> shapeOf) {
        Optional<NDArray> wNorm = file.tensor(stem + ".w_norm");
        if (wNorm.isPresent()) {
            used.add(stem + ".w_norm");
            put(adapters, mismatches, stem, target, new LoraAdapter.Difference(wNorm.get()), shapeOf);
            file.tensor(stem + ".b_norm").ifPresent(b -> {
                used.add(stem + ".b_norm");
                put(adapters, mismatches, stem + " (bias)", bias(target), new LoraAdapter.Difference(b), shapeOf);
            });
        }
        file.tensor(stem + ".diff").ifPresent(d -> {
            used.add(stem + ".diff");
            put(adapters, mismatches, stem, target, new LoraAdapter.Difference(d), shapeOf);
        });
        file.tensor(stem + ".diff_b").ifPresent(d -> {
            used.add(stem + ".diff_b");
            put(adapters, mismatches, stem + " (bias)", bias(target), new LoraAdapter.Difference(d), shapeOf);
        });
    }

    private static void put(Map<LoraTarget, LoraAdapter> adapters, List<String> mismatches, String stem,
                            LoraTarget target, LoraAdapter adapter, Function<LoraTarget, long[]> shapeOf) {
        long[] shape = target == null ? null : shapeOf.apply(target);
        if (shape == null) {
            mismatches.add(stem + ": the model has no such weight");
        } else if (!adapter.fits(shape)) {
            mismatches.add(stem + ": LoRA " + adapter.describeShape() + ", weight " + Arrays.toString(shape));
        } else {
            adapters.put(target, adapter);
        }
    }

    private static LoraTarget bias(LoraTarget weight) {
        if (!weight.key().endsWith(".weight")) {
            return null;
        }
        String k = weight.key();
        return new LoraTarget(weight.part(), k.substring(0, k.length() - ".weight".length()) + ".bias");
    }

    private static int count(Map<LoraTarget, LoraAdapter> adapters, LoraTarget.Part part) {
        return (int) adapters.keySet().stream().filter(t -> t.part() == part).count();
    }

    /** The unsupported kind a key's suffix reveals, if any. */
    private static Optional<String> kindOf(String key) {
        for (Map.Entry<String, List<String>> kind : UNSUPPORTED.entrySet()) {
            for (String suffix : kind.getValue()) {
                if (key.endsWith(suffix)) {
                    return Optional.of(kind.getKey());
                }
            }
        }
        return key.endsWith(".dora_scale") ? Optional.of("DoRA (dora_scale)") : Optional.empty();
    }

    private static void refuseUseless(LoraFile file, Set<String> keys, LoraReport report) throws ModelLoadException {
        if (!report.appliesNothing()) {
            return;
        }
        Set<String> kinds = new java.util.LinkedHashSet<>(report.unsupported().keySet());
        kinds.addAll(report.unknownKinds().keySet());
        if (!kinds.isEmpty()) {
            throw new ModelLoadException(file.name() + " holds " + String.join(", ", kinds) + " layers (LyCORIS), which"
                    + " Weft does not apply yet; use a LoRA or LoCon file (lora_up/lora_down or lora_A/lora_B weights)");
        }
        boolean loraLike = keys.stream().anyMatch(k -> k.endsWith(".alpha") || k.endsWith(".diff")
                || FAMILIES.stream().anyMatch(f -> k.endsWith(f.up()) || k.endsWith(f.down())));
        if (!loraLike) {
            List<String> some = new ArrayList<>(new TreeSet<>(keys)).subList(0, Math.min(3, keys.size()));
            throw new ModelLoadException(file.name() + " is not a LoRA Weft recognises: none of its " + keys.size()
                    + " keys (e.g. " + String.join(", ", some) + ") has LoRA weights (lora_up/lora_down, lora_A/lora_B,"
                    + " ...)");
        }
    }

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("LoHa", List.of(".hada_w1_a", ".hada_w1_b", ".hada_w2_a", ".hada_w2_b", ".hada_t1", ".hada_t2"));
        m.put("LoKr", List.of(".lokr_w1", ".lokr_w2", ".lokr_w1_a", ".lokr_w1_b", ".lokr_w2_a", ".lokr_w2_b",
                ".lokr_t2"));
        m.put("GLoRA", List.of(".a1.weight", ".a2.weight", ".b1.weight", ".b2.weight"));
        m.put("OFT/BOFT", List.of(".oft_blocks", ".rescale"));
        m.put("full-weight replacement (set_weight)", List.of(".set_weight"));
        m.put("padded LoRA (reshape_weight)", List.of(".reshape_weight"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
