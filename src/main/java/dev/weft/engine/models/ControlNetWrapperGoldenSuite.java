package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.sampling.LatentFormat;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.sampling.Parameterization;
import dev.weft.engine.sampling.guidance.CondKind;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.unet.AttentionHeads;
import dev.weft.engine.unet.ControlNetGoldenSuite;
import dev.weft.engine.unet.ControlResiduals;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.UNet;
import dev.weft.engine.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All of {@code controlnet_tiny} (golden README section 6): the raw network through
 * {@link ControlNetGoldenSuite}, then ComfyUI's wrapper through the code the sampler runs. The
 * ControlNet is read by {@link ControlNetLoader}; the UNet of {@code unet_weights} (the manifest
 * names {@code ../unet_sd15_tiny/weights.safetensors}) is packed like a checkpoint's; one
 * {@link ControlHint} over the whole schedule with the manifest's strength goes on a positive
 * entry whose context is {@code context}, and a {@link UNetDenoiser} evaluates {@code x_noisy} at
 * {@code sigma}:
 * <ul>
 *   <li>{@code cond_hint_upscaled}: the denoiser's resized {@code hint_orig};</li>
 *   <li>{@code apply_model_timestep} (exact) and {@code apply_model_xc}: the integer timestep and
 *       the scaled input;</li>
 *   <li>{@code control_middle_0}, {@code control_output_<i>}: the residuals the denoiser's runner
 *       hands the UNet (strength applied);</li>
 *   <li>{@code denoised_no_control}, {@code denoised_with_control}: the denoiser's x0 without and
 *       with the hint.</li>
 * </ul>
 * Float tensors are compared within {@link Tolerance#MODELS}; sizes, sigma and strength come from
 * the manifest and tensors.
 */
public final class ControlNetWrapperGoldenSuite implements GoldenSuite {
    private static final String FOLDER = "controlnet_tiny";

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        List<GoldenResult> results = new ArrayList<>(new ControlNetGoldenSuite().run(caseDir));
        try {
            TensorRuntime.ensureInit();
            JsonObject manifest = json(caseDir.resolve("manifest.json"));
            JsonObject wrapper = manifest.getAsJsonObject("comfy_wrapper");
            checkWrapperMatches(wrapper);
            Path unetFile = caseDir.resolve(firstWord(manifest.get("unet_weights").getAsString())).normalize();
            JsonObject unetManifest = json(unetFile.resolveSibling("manifest.json"));
            AttentionHeads heads = heads(manifest.getAsJsonObject("config"));
            try (NDManager m = NDManager.newBaseManager();
                 SafetensorsFile io = SafetensorsFile.open(caseDir.resolve("io.safetensors"));
                 SharedModel<ControlNetModel> control = ControlNetLoader.load(caseDir.resolve("weights.safetensors"),
                         heads, m);
                 SafetensorsFile uf = SafetensorsFile.open(unetFile);
                 WeightMap unetWeights = WeightMap.load(uf, m)) {
                String prefix = unetManifest.has("weight_prefix") ? unetManifest.get("weight_prefix").getAsString() : "";
                ConvWeights.packForCpu(unetWeights, prefix);
                Weights w = unetWeights.prefixed(prefix);
                DiffusionModel model = new DiffusionModel(new UNet(UNetConfig.detect(w, heads), w),
                        ModelSampling.sd(Parameterization.EPS), LatentFormat.SD15, GuidanceOptions.DEFAULT);
                results.addAll(wrapperCases(model, control.value(), wrapper, io, m));
            }
        } catch (Exception | Error e) {
            results.add(GoldenResult.error(FOLDER + "/wrapper", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return results;
    }

    private static List<GoldenResult> wrapperCases(DiffusionModel model, ControlNetModel control, JsonObject wrapper,
                                                   SafetensorsFile io, NDManager m) throws IOException {
        List<GoldenResult> results = new ArrayList<>();
        NDArray xNoisy = io.load("x_noisy", m);
        long batch = xNoisy.getShape().get(0);
        NDArray sigma = io.load("sigma", m);
        if (sigma.size() == 1 && batch > 1) {
            sigma = sigma.tile(batch);
        }
        NDArray context = io.load("context", m);
        ControlHint hint = new ControlHint(control, io.load("hint_orig", m), wrapper.get("strength").getAsDouble(),
                0.0, 1.0);
        Conditioning plain = Conditioning.of(new CondEntry(context, null));
        Conditioning controlled = Conditioning.of(new CondEntry(context, null, List.of(hint)));
        UNetDenoiser without = new UNetDenoiser(model, plain, plain, m);
        UNetDenoiser with = new UNetDenoiser(model, controlled, controlled, m);
        ModelSampling ms = model.sampling();
        NDArray t = UNetDenoiser.timesteps(ms, sigma);

        long h = xNoisy.getShape().get(2);
        long wd = xNoisy.getShape().get(3);
        results.add(guard("cond_hint_upscaled", () -> compare(with.controls().resizedHint(hint, h, wd), io,
                "cond_hint_upscaled", Tolerance.MODELS)));
        results.add(guard("apply_model_timestep", () -> compare(t, io, "apply_model_timestep", Tolerance.EXACT)));
        NDArray sigmaRows = sigma;
        results.add(guard("apply_model_xc", () -> compare(ms.calculateInput(sigmaRows, xNoisy), io, "apply_model_xc",
                Tolerance.MODELS)));

        ControlResiduals residuals = with.controls().residuals(List.of(hint), xNoisy, sigma, t, context, 1);
        int outputs = wrapper.getAsJsonObject("counts").get("output").getAsInt();
        if (residuals == null || residuals.output().size() != outputs) {
            results.add(GoldenResult.error(FOLDER + "/control_output", "the runner gave "
                    + (residuals == null ? "no" : residuals.output().size()) + " output residuals, the reference "
                    + outputs));
        } else {
            for (int i = 0; i < outputs; i++) {
                NDArray got = residuals.output().get(i);
                String name = "control_output_" + i;
                results.add(guard(name, () -> compare(got, io, name, Tolerance.MODELS)));
            }
            results.add(guard("control_middle_0", () -> compare(residuals.middle(), io, "control_middle_0",
                    Tolerance.MODELS)));
        }
        List<CondKind> positive = List.of(CondKind.POSITIVE);
        results.add(guard("denoised_no_control", () -> compare(without.predict(xNoisy, sigmaRows, positive), io,
                "denoised_no_control", Tolerance.MODELS)));
        results.add(guard("denoised_with_control", () -> compare(with.predict(xNoisy, sigmaRows, positive), io,
                "denoised_with_control", Tolerance.MODELS)));
        return results;
    }

    /** The wrapper's resizing must be the one {@link ControlRunner} implements. */
    private static void checkWrapperMatches(JsonObject wrapper) {
        String algorithm = wrapper.has("upscale_algorithm") ? wrapper.get("upscale_algorithm").getAsString()
                : "nearest-exact";
        String crop = wrapper.has("crop") ? wrapper.get("crop").getAsString() : "center";
        if (!algorithm.equals("nearest-exact") || !crop.equals("center")) {
            throw new IllegalStateException("the reference resized the hint with " + algorithm + " / " + crop
                    + "; SD ControlNets use nearest-exact / center");
        }
    }

    private static AttentionHeads heads(JsonObject config) {
        return AttentionHeads.fromComfy(intOr(config, "num_heads"), intOr(config, "num_head_channels"));
    }

    private static int intOr(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? -1 : e.getAsInt();
    }

    /** The manifest writes {@code "<path> (explanation)"}. */
    private static String firstWord(String s) {
        return s.strip().split("\\s+", 2)[0];
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static Tolerance.Comparison compare(NDArray got, SafetensorsFile io, String ref, Tolerance tolerance)
            throws IOException {
        long[] refShape = io.info(ref).shape();
        Shape gotShape = got.getShape();
        if (!Arrays.equals(refShape, gotShape.getShape())) {
            return new Tolerance.Comparison(Double.POSITIVE_INFINITY, 0, false, "shape " + gotShape
                    + " != reference " + Arrays.toString(refShape));
        }
        return tolerance.compare(got.toFloatArray(), io.readFloats(ref));
    }

    private static GoldenResult guard(String name, Checked body) {
        String full = FOLDER + "/" + name;
        try {
            return GoldenResult.of(full, body.get());
        } catch (Exception | Error e) {
            return GoldenResult.error(full, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Checked {
        Tolerance.Comparison get() throws Exception;
    }
}
