package dev.weft.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.HalfFloats;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.text.ClipTextModel;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.UNet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Golden cases of {@code lora/} (golden README section 9): each entry of the manifest's
 * {@code results} applies {@code lora_<format>.safetensors} at its {@code strength_model} and
 * {@code strength_clip} to the base UNet and CLIP named by {@code base_weights}, then compares
 * every weight in {@code merged_keys} with ComfyUI's merged tensor within {@link Tolerance#LORA},
 * and checks that exactly those keys changed. Strengths, formats and keys all come from the
 * manifest; each case gives one result per model ({@code <case>/model}, {@code <case>/clip}).
 *
 * <p>The UNet's conv kernels are packed first, as the checkpoint loader packs them, so the packed
 * path is the one checked. A reference stored in fp16 (ComfyUI keeps text-encoder weights in
 * fp16 on the CPU, {@code text_encoder_dtype}) was computed by ComfyUI's {@code ModelPatcher} as
 * {@code fp16(fp32(fp16 W) + ΔW)}: for that model the suite rounds the base to fp16 before
 * patching and the result after, so the same float32 patch code is compared exactly. When a
 * reference equals the unpatched weight the detail says so (the reference run did not apply the
 * LoRA to that model: a data problem, not something to tolerate).
 */
public final class LoraGoldenSuite implements GoldenSuite {
    private static final String FOLDER = "lora";

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        List<GoldenResult> results = new ArrayList<>();
        try {
            JsonObject manifest = JsonParser.parseString(Files.readString(caseDir.resolve("manifest.json"),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            JsonObject baseFiles = manifest.getAsJsonObject("base_weights");
            Path unetFile = caseDir.resolve(baseFiles.get("unet").getAsString());
            Path clipFile = caseDir.resolve(baseFiles.get("clip").getAsString());
            for (Path p : List.of(unetFile, clipFile)) {
                if (!Files.isRegularFile(p)) {
                    results.add(GoldenResult.error(FOLDER, "base weights " + p + " not found (the lora cases need the"
                            + " unet_sd15_tiny and clip_tiny folders of the same golden root)"));
                    return results;
                }
            }
            TensorRuntime.ensureInit();
            try (NDManager m = NDManager.newBaseManager();
                 SafetensorsFile merged = SafetensorsFile.open(caseDir.resolve("merged.safetensors"));
                 WeightMap unetWeights = load(unetFile, m);
                 WeightMap clipWeights = load(clipFile, m);
                 WeightMap unetHalf = roundedToHalf(unetWeights, m);
                 WeightMap clipHalf = roundedToHalf(clipWeights, m);
                 LoraPatcher patcher = new LoraPatcher(m, 0)) {
                ConvWeights.packForCpu(unetWeights, UNet.CHECKPOINT_PREFIX);
                ConvWeights.packForCpu(unetHalf, UNet.CHECKPOINT_PREFIX);
                // heads do not matter for patching; 1 fits any width
                Bases bases = new Bases(UNet.fromCheckpoint(unetWeights), ClipTextModel.fromCheckpoint(clipWeights, 1),
                        UNet.fromCheckpoint(unetHalf), ClipTextModel.fromCheckpoint(clipHalf, 1));
                for (JsonElement e : manifest.getAsJsonArray("results")) {
                    JsonObject c = e.getAsJsonObject();
                    String pattern = c.get("tensor_name_pattern").getAsString();
                    String name = FOLDER + "/" + pattern.replace("__<checkpoint_key>", "");
                    try {
                        results.addAll(runOne(caseDir, c, pattern, name, bases, merged, patcher, m));
                    } catch (Exception | Error x) {
                        results.add(GoldenResult.error(name, x.getClass().getSimpleName() + ": " + x.getMessage()));
                    }
                }
            }
        } catch (Exception | Error e) {
            results.add(GoldenResult.error(FOLDER, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return results;
    }

    private static WeightMap load(Path file, NDManager m) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return WeightMap.load(f, m);
        }
    }

    private static List<GoldenResult> runOne(Path caseDir, JsonObject c, String pattern, String name, Bases bases,
                                             SafetensorsFile merged, LoraPatcher patcher, NDManager m) throws Exception {
        String format = c.get("format").getAsString();
        Path file = caseDir.resolve(c.has("file") ? c.get("file").getAsString() : "lora_" + format + ".safetensors");
        Map<Part, List<String>> keysByPart = new EnumMap<>(Part.class);
        for (JsonElement k : c.getAsJsonArray("merged_keys")) {
            keysByPart.computeIfAbsent(Part.of(k.getAsString()), p -> new ArrayList<>()).add(k.getAsString());
        }
        List<GoldenResult> out = new ArrayList<>();
        try (SharedModel<LoraFile> lora = LoraFile.load(file, m)) {
            for (Map.Entry<Part, List<String>> e : keysByPart.entrySet()) {
                Part part = e.getKey();
                String partName = name + "/" + part.label;
                DType storage = merged.info(pattern.replace("<checkpoint_key>", e.getValue().get(0))).dtype();
                out.add(guard(partName, () -> comparePart(part, storage, e.getValue(), lora, c, pattern, partName,
                        bases, merged, patcher)));
            }
        }
        return out;
    }

    private static GoldenResult comparePart(Part part, DType storage, List<String> keys, SharedModel<LoraFile> lora,
                                            JsonObject c, String pattern, String name, Bases bases,
                                            SafetensorsFile merged, LoraPatcher patcher) throws Exception {
        boolean half = storage == DType.F16;
        LoraPatcher.Request request = new LoraPatcher.Request(lora, c.get("strength_model").getAsDouble(),
                c.get("strength_clip").getAsDouble());
        LoraPatcher.Result r = part == Part.UNET
                ? patcher.apply(half ? bases.unetHalf() : bases.unet(), null, List.of(request))
                : patcher.apply(null, half ? bases.textHalf() : bases.text(), List.of(request));
        try (AutoCloseable lease = r.lease()) {
            Weights patched = part == Part.UNET ? r.unet().weights() : r.text().weights();
            Weights base = part == Part.UNET ? bases.unet().weights() : bases.text().weights();
            Tolerance.Comparison total = null;
            boolean allUnpatched = true;
            for (String key : keys) {
                String local = key.substring(part.prefix.length());
                float[] got = values(patched.get(local), half);
                float[] ref = merged.readFloats(pattern.replace("<checkpoint_key>", key));
                Tolerance.Comparison one = Tolerance.LORA.compare(got, ref);
                total = total == null ? one : total.and(one);
                allUnpatched &= !one.ok() && Tolerance.LORA.compare(values(base.get(local), half), ref).ok();
            }
            Set<String> expected = new TreeSet<>(keys);
            Set<String> changed = new TreeSet<>();
            if (patched instanceof LoraWeights w) {
                w.patchedKeys().forEach(k -> changed.add(part.prefix + k));
            }
            if (!changed.equals(expected)) {
                return GoldenResult.error(name, "patched keys " + changed + " differ from ComfyUI's " + expected);
            }
            if (allUnpatched) {
                return new GoldenResult(name, false, total.maxAbs(), total.relative(), total.detail()
                        + "; ComfyUI's reference is the unpatched weight for every key (its run did not apply the LoRA"
                        + " to the " + part.label + "): data problem");
            }
            return GoldenResult.of(name, total);
        }
    }

    /** The values of a possibly packed array, rounded to fp16 when {@code half}. */
    private static float[] values(NDArray a, boolean half) {
        NDArray plain = ConvWeights.plain(a);
        try {
            float[] v = plain.toFloatArray();
            if (half) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = HalfFloats.halfToFloat(HalfFloats.floatToHalf(v[i]));
                }
            }
            return v;
        } finally {
            if (plain != a) {
                plain.close();
            }
        }
    }

    /** The two models a merged key belongs to, by checkpoint prefix. */
    private enum Part {
        UNET(UNet.CHECKPOINT_PREFIX, "model"),
        CLIP(ClipTextModel.CHECKPOINT_PREFIX, "clip");

        final String prefix;
        final String label;

        Part(String prefix, String label) {
            this.prefix = prefix;
            this.label = label;
        }

        static Part of(String checkpointKey) {
            for (Part p : values()) {
                if (checkpointKey.startsWith(p.prefix)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("merged key " + checkpointKey + " is neither UNet nor CLIP");
        }
    }

    /**
     * The base models, as loaded and with every weight rounded to fp16 (ComfyUI's storage of the
     * text encoder on the CPU).
     */
    private record Bases(UNet unet, ClipTextModel text, UNet unetHalf, ClipTextModel textHalf) {
    }

    /** A copy of {@code w} with every float rounded to fp16 and widened back. */
    private static WeightMap roundedToHalf(WeightMap w, NDManager m) {
        WeightMap out = WeightMap.create(m);
        for (String k : w.keys()) {
            NDArray a = ConvWeights.plain(w.get(k));
            float[] v = a.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = HalfFloats.halfToFloat(HalfFloats.floatToHalf(v[i]));
            }
            out.put(k, out.manager().create(v, a.getShape()));
            if (a != w.get(k)) {
                a.close();
            }
        }
        return out;
    }

    private interface Checked<T> {
        T get() throws Exception;
    }

    private static GoldenResult guard(String name, Checked<GoldenResult> body) {
        try {
            return body.get();
        } catch (Exception | Error e) {
            return GoldenResult.error(name, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
