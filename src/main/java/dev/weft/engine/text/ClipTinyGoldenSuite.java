package dev.weft.engine.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
        List<GoldenResult> out = new ArrayList<>();
        try {
            TensorRuntime.ensureInit();
            JsonObject manifest = JsonParser.parseString(Files.readString(caseDir.resolve("manifest.json")))
                    .getAsJsonObject();
            try (NDManager root = NDManager.newBaseManager();
                 WeightMap weights = loader.load(caseDir, root);
                 SafetensorsFile io = SafetensorsFile.open(caseDir.resolve("io.safetensors"))) {
                ClipTextEncoder encoder = new ClipTextEncoder(model(manifest, weights));
                JsonArray cases = manifest.getAsJsonArray("cases");
                for (int i = 0; i < cases.size(); i++) {
                    runCase(folder() + "/p" + i, cases.get(i).getAsJsonObject(), encoder, io, root, out);
                }
            }
        } catch (Exception e) {
            out.add(GoldenResult.error(folder(), "cannot run: " + e));
        }
        return out;
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
                                NDManager root, List<GoldenResult> out) {
        TokenizedPrompt prompt;
        try {
            prompt = TokenizedPrompt.ofIds(ints(c.getAsJsonArray("token_ids")), doubles(c.getAsJsonArray("token_weights")));
        } catch (RuntimeException e) {
            out.add(GoldenResult.error(name, "bad token_ids/token_weights: " + e));
            return;
        }
        for (Map.Entry<String, JsonElement> setting : c.entrySet()) {
            if (!setting.getValue().isJsonObject()) {
                continue;
            }
            JsonObject s = setting.getValue().getAsJsonObject();
            String resultName = name + "/" + setting.getKey();
            try (NDManager m = root.newSubManager()) {
                if (s.has("hidden")) {
                    ClipLayer layer = "last".equals(s.get("layer").getAsString()) ? ClipLayer.LAST
                            : ClipLayer.hidden(s.get("layer_idx").getAsInt());
                    ClipTextEncoder.Encoded e = encoder.forward(prompt.chunks(), layer, m);
                    out.add(GoldenResult.of(resultName, compare(e.hidden(), io, s.get("hidden").getAsString())
                            .and(compare(e.pooled(), io, s.get("pooled").getAsString()))));
                } else if (s.has("cond")) {
                    JsonElement l = s.get("clip_layer");
                    ClipLayer layer = l == null || l.isJsonNull() ? ClipLayer.LAST : ClipLayer.stopAt(l.getAsInt());
                    TextConditioning tc = encoder.encode(prompt, layer, m);
                    out.add(GoldenResult.of(resultName, compare(tc.cond(), io, s.get("cond").getAsString())
                            .and(compare(tc.pooled(), io, s.get("pooled").getAsString()))));
                }
            } catch (Exception e) {
                out.add(GoldenResult.error(resultName, e.toString()));
            }
        }
    }

    private static Tolerance.Comparison compare(NDArray got, SafetensorsFile io, String tensor) throws IOException {
        long[] refShape = io.info(tensor).shape();
        long[] gotShape = got.getShape().getShape();
        if (!Arrays.equals(refShape, gotShape)) {
            return new Tolerance.Comparison(Double.POSITIVE_INFINITY, 0, false, tensor + ": shape "
                    + Arrays.toString(gotShape) + " != reference " + Arrays.toString(refShape));
        }
        Tolerance.Comparison cmp = Tolerance.MODELS.compare(got.toFloatArray(), io.readFloats(tensor));
        return cmp.ok() ? cmp : new Tolerance.Comparison(cmp.maxAbs(), cmp.maxRef(), false, tensor + ": " + cmp.detail());
    }

    private static int[][] ints(JsonArray a) {
        int[][] out = new int[a.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonArray row = a.get(i).getAsJsonArray();
            out[i] = new int[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).getAsInt();
            }
        }
        return out;
    }

    private static double[][] doubles(JsonArray a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonArray row = a.get(i).getAsJsonArray();
            out[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).getAsDouble();
            }
        }
        return out;
    }
}
