package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Golden cases of {@code unet_sd15_tiny} / {@code unet_sdxl_tiny} (golden README section 5): the
 * detected config against ComfyUI's {@code detect_unet_config}, then every run of the manifest
 * ({@code x}, {@code timesteps}, {@code context}, optional {@code y} and control residuals)
 * against {@code UNetModel}'s output, within {@link Tolerance#MODELS}. Everything (sizes,
 * timesteps, heads, residual lists) comes from the manifest and tensors.
 */
public final class UNetGoldenSuite implements GoldenSuite {
    private final String folder;

    /** @param folder {@code unet_sd15_tiny} or {@code unet_sdxl_tiny} (same layout) */
    public UNetGoldenSuite(String folder) {
        this.folder = Objects.requireNonNull(folder);
    }

    @Override
    public String folder() {
        return folder;
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        List<GoldenResult> results = new ArrayList<>();
        try {
            TensorRuntime.ensureInit();
            JsonObject manifest = GoldenCases.manifest(caseDir);
            JsonObject config = manifest.getAsJsonObject("config");
            String prefix = GoldenCases.stringOr(manifest, "weight_prefix", "");
            try (NDManager m = NDManager.newBaseManager();
                 SafetensorsFile wf = SafetensorsFile.open(caseDir.resolve("weights.safetensors"));
                 SafetensorsFile io = SafetensorsFile.open(caseDir.resolve("io.safetensors"));
                 WeightMap all = WeightMap.load(wf, m)) {
                Weights w = all.prefixed(prefix);
                UNetConfig detected = UNetConfig.detect(w, GoldenCases.heads(config));
                if (manifest.has("detect_unet_config")) {
                    results.add(checkConfig(detected, manifest.getAsJsonObject("detect_unet_config")));
                }
                UNet unet = new UNet(detected, w);
                for (JsonElement run : manifest.getAsJsonArray("runs")) {
                    JsonObject r = run.getAsJsonObject();
                    String name = folder + "/" + r.get("output").getAsString();
                    results.add(GoldenCases.guard(name, () -> runOne(unet, io, r, name, m)));
                }
            }
        } catch (Exception | Error e) {
            results.add(GoldenResult.error(folder, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return results;
    }

    private static GoldenResult runOne(UNet unet, SafetensorsFile io, JsonObject r, String name, NDManager parent)
            throws Exception {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = GoldenCases.tensor(io, r.get("x"), m);
            NDArray context = GoldenCases.tensor(io, r.get("context"), m);
            NDArray y = GoldenCases.tensor(io, r.get("y"), m);
            NDArray t = m.create(GoldenCases.floats(r.get("timesteps")));
            ControlResiduals control = control(io, r.get("control"), m);
            NDArray out = unet.forward(x, t, context, y, control);
            return GoldenResult.of(name, GoldenCases.compare(out, io, r.get("output").getAsString()));
        }
    }

    /**
     * The manifest's ComfyUI control dict as {@link ControlResiduals}: {@code output} keeps its
     * order, {@code input} is reversed (ComfyUI pops it from the end, one per input block).
     */
    private static ControlResiduals control(SafetensorsFile io, JsonElement c, NDManager m) throws Exception {
        if (c == null || c.isJsonNull()) {
            return null;
        }
        JsonObject o = c.getAsJsonObject();
        List<NDArray> output = load(io, o.get("output"), m);
        List<NDArray> input = load(io, o.get("input"), m);
        Collections.reverse(input);
        List<NDArray> middle = load(io, o.get("middle"), m);
        if (middle.size() > 1) {
            throw new IllegalArgumentException("more than one middle residual: " + middle.size());
        }
        return new ControlResiduals(input, middle.isEmpty() ? null : middle.get(0), output);
    }

    private static List<NDArray> load(SafetensorsFile io, JsonElement names, NDManager m) throws Exception {
        List<NDArray> out = new ArrayList<>();
        if (names != null && !names.isJsonNull()) {
            for (JsonElement n : names.getAsJsonArray()) {
                out.add(GoldenCases.tensor(io, n, m));
            }
        }
        return out;
    }

    private GoldenResult checkConfig(UNetConfig c, JsonObject ref) {
        List<String> diffs = new ArrayList<>();
        expect(diffs, "in_channels", GoldenCases.intOr(ref, "in_channels", -1), c.inChannels());
        expect(diffs, "out_channels", GoldenCases.intOr(ref, "out_channels", -1), c.outChannels());
        expect(diffs, "model_channels", GoldenCases.intOr(ref, "model_channels", -1), c.modelChannels());
        expect(diffs, "num_res_blocks", GoldenCases.ints(ref.get("num_res_blocks")), c.numResBlocks());
        expect(diffs, "channel_mult", GoldenCases.ints(ref.get("channel_mult")), c.channelMult());
        expect(diffs, "transformer_depth", GoldenCases.ints(ref.get("transformer_depth")), c.transformerDepth());
        expect(diffs, "transformer_depth_output", GoldenCases.ints(ref.get("transformer_depth_output")),
                c.transformerDepthOutput());
        expect(diffs, "transformer_depth_middle", GoldenCases.intOr(ref, "transformer_depth_middle", -1),
                c.transformerDepthMiddle());
        expect(diffs, "context_dim", GoldenCases.intOr(ref, "context_dim", 0), c.contextDim());
        expect(diffs, "adm_in_channels", GoldenCases.intOr(ref, "adm_in_channels", 0), c.admInChannels());
        expect(diffs, "use_linear_in_transformer", ref.get("use_linear_in_transformer").getAsBoolean(),
                c.useLinearInTransformer());
        String name = folder + "/detect_unet_config";
        return diffs.isEmpty() ? new GoldenResult(name, true, 0, 0, "")
                : new GoldenResult(name, false, Double.NaN, Double.NaN, String.join("; ", diffs));
    }

    private static void expect(List<String> diffs, String field, Object ref, Object got) {
        if (!ref.equals(got)) {
            diffs.add(field + " " + got + " != " + ref);
        }
    }
}
