package dev.weft.engine.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.GoldenJson;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.GoldenTensors;
import dev.weft.engine.golden.SuiteRun;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Golden cases of {@code clip_tiny/}: ComfyUI's CLIP text model on tiny random weights. For every
 * prompt of {@code manifest.json} (given as token ids and weights, so no vocabulary is needed) and
 * every setting listed with it, checks within {@link Tolerance#MODELS}:
 * <ul>
 *   <li>settings with {@code hidden}/{@code pooled}: the raw per-chunk encoder output at that layer
 *       ({@code "last"}, or {@code "hidden"} with {@code layer_idx}) and the pooled vectors;</li>
 *   <li>settings with {@code cond}: the CLIPTextEncode conditioning and pooled vector at
 *       {@code clip_layer} (null = default).</li>
 * </ul>
 * Sizes come from the weights; heads, epsilon and activation from {@code config_effective}
 * (falling back to {@code config_overrides}, then to 64-wide heads). One result per prompt and setting.
 */
public final class ClipTinyGoldenSuite implements GoldenSuite {
    /** Reads a case folder's model weights; the arrays belong to a sub-manager of {@code parent}. */
    @FunctionalInterface
    public interface WeightsLoader {
        WeightMap load(Path caseDir, NDManager parent) throws IOException;
    }

    /** Loads {@code weights.safetensors} whole. */
    public static final WeightsLoader WHOLE_FILE = (dir, parent) -> {
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("weights.safetensors"))) {
            return WeightMap.load(f, parent);
        }
    };

    private final WeightsLoader loader;

    public ClipTinyGoldenSuite() {
        this(WHOLE_FILE);
    }

    /** With another way to read the weights (tests use a compact copy of the token embedding). */
    public ClipTinyGoldenSuite(WeightsLoader loader) {
        this.loader = loader;
    }

    @Override
    public String folder() {
        return "clip_tiny";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        return SuiteRun.collect(folder(), run -> {
            TensorRuntime.ensureInit();
            JsonObject manifest = GoldenJson.read(caseDir.resolve("manifest.json"));
            try (NDManager root = NDManager.newBaseManager();
                 WeightMap weights = loader.load(caseDir, root);
                 SafetensorsFile io = SafetensorsFile.open(caseDir.resolve("io.safetensors"))) {
                ClipTextEncoder encoder = new ClipTextEncoder(model(manifest, weights));
                JsonArray cases = manifest.getAsJsonArray("cases");
                for (int i = 0; i < cases.size(); i++) {
                    runCase(folder() + "/p" + i, cases.get(i).getAsJsonObject(), encoder, io, root, run);
                }
            }
        });
    }

    private static ClipTextModel model(JsonObject manifest, Weights weights) {
        Weights tm = manifest.has("weight_prefix")
                ? weights.prefixed(manifest.get("weight_prefix").getAsString())
                : ClipTextModel.textModelWeights(weights);
        JsonObject cfg = manifest.has("config_effective") ? manifest.getAsJsonObject("config_effective")
                : manifest.has("config_overrides") ? manifest.getAsJsonObject("config_overrides") : new JsonObject();
        ClipTextConfig c = cfg.has("num_attention_heads")
                ? ClipTextConfig.infer(tm, cfg.get("num_attention_heads").getAsInt())
                : ClipTextConfig.infer(tm);
        float eps = cfg.has("layer_norm_eps") ? cfg.get("layer_norm_eps").getAsFloat() : c.layerNormEps();
        ClipActivation act = cfg.has("hidden_act") ? ClipActivation.fromConfig(cfg.get("hidden_act").getAsString())
                : c.activation();
        return new ClipTextModel(tm, new ClipTextConfig(c.hiddenSize(), c.layers(), c.heads(), c.intermediateSize(),
                c.vocabSize(), c.maxPositions(), eps, act));
    }

    private static void runCase(String name, JsonObject c, ClipTextEncoder encoder, SafetensorsFile io,
                                NDManager root, SuiteRun run) {
        TokenizedPrompt prompt;
        try {
            prompt = TokenizedPrompt.ofIds(rows(c.getAsJsonArray("token_ids"), GoldenJson::ints, int[][]::new),
                    rows(c.getAsJsonArray("token_weights"), GoldenJson::numbers, double[][]::new));
        } catch (RuntimeException e) {
            run.add(GoldenResult.error(name, "bad token_ids/token_weights: " + e));
            return;
        }
        for (Map.Entry<String, JsonElement> setting : c.entrySet()) {
            if (!setting.getValue().isJsonObject()) {
                continue;
            }
            JsonObject s = setting.getValue().getAsJsonObject();
            if (!s.has("hidden") && !s.has("cond")) {
                continue;
            }
            String resultName = name + "/" + setting.getKey();
            run.evaluate(resultName, () -> {
                try (NDManager m = root.newSubManager()) {
                    if (s.has("hidden")) {
                        ClipLayer layer = "last".equals(s.get("layer").getAsString()) ? ClipLayer.LAST
                                : ClipLayer.hidden(s.get("layer_idx").getAsInt());
                        ClipTextEncoder.Encoded e = encoder.forward(prompt.chunks(), layer, m);
                        return GoldenResult.of(resultName, compare(e.hidden(), io, s.get("hidden"))
                                .and(compare(e.pooled(), io, s.get("pooled"))));
                    }
                    JsonElement l = s.get("clip_layer");
                    ClipLayer layer = l == null || l.isJsonNull() ? ClipLayer.LAST : ClipLayer.stopAt(l.getAsInt());
                    TextConditioning tc = encoder.encode(prompt, layer, m);
                    return GoldenResult.of(resultName, compare(tc.cond(), io, s.get("cond"))
                            .and(compare(tc.pooled(), io, s.get("pooled"))));
                }
            });
        }
    }

    private static Tolerance.Comparison compare(NDArray got, SafetensorsFile io, JsonElement ref) throws IOException {
        return GoldenTensors.compare(Tolerance.MODELS, got, io, ref.getAsString());
    }

    /** A JSON array of arrays, each row converted by {@code row}. */
    private static <T> T[] rows(JsonArray a, Function<JsonArray, T> row, IntFunction<T[]> array) {
        T[] out = array.apply(a.size());
        for (int i = 0; i < out.length; i++) {
            out[i] = row.apply(a.get(i).getAsJsonArray());
        }
        return out;
    }
}
