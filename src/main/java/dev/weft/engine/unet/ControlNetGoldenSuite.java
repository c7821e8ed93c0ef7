package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw-network part of {@code controlnet_tiny} (golden README section 6): {@code x},
 * {@code hint}, {@code context} and the manifest's timesteps through {@link ControlNet} against
 * {@code raw_output_<i>} and {@code raw_middle_0}, within {@link Tolerance#MODELS}.
 *
 * <p>The ComfyUI wrapper results of the same folder ({@code cond_hint_upscaled}, {@code control_*},
 * {@code apply_model_*}, {@code denoised_*}) need the sampler's model wrapper;
 * {@code engine.models.ControlNetWrapperGoldenSuite} checks them and runs this suite first.
 */
public final class ControlNetGoldenSuite implements GoldenSuite {
    @Override
    public String folder() {
        return "controlnet_tiny";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        List<GoldenResult> results = new ArrayList<>();
        try {
            TensorRuntime.ensureInit();
            JsonObject manifest = GoldenCases.manifest(caseDir);
            JsonObject config = manifest.getAsJsonObject("config");
            JsonObject raw = manifest.getAsJsonObject("raw_forward");
            String prefix = GoldenCases.stringOr(manifest, "weight_prefix", "");
            try (NDManager m = NDManager.newBaseManager();
                 SafetensorsFile wf = SafetensorsFile.open(caseDir.resolve("weights.safetensors"));
                 SafetensorsFile io = SafetensorsFile.open(caseDir.resolve("io.safetensors"));
                 WeightMap all = WeightMap.load(wf, m)) {
                ControlNet net = ControlNet.fromWeights(all.prefixed(prefix), GoldenCases.heads(config));
                NDArray x = io.load("x", m);
                NDArray hint = io.load("hint", m);
                NDArray context = io.load("context", m);
                NDArray t = m.create(GoldenCases.floats(raw.get("timesteps")));
                ControlResiduals out = net.forward(x, hint, t, context, null);
                int outputs = raw.getAsJsonObject("counts").get("output").getAsInt();
                if (outputs != out.output().size()) {
                    results.add(GoldenResult.error(folder() + "/raw_output", "the ControlNet gave "
                            + out.output().size() + " output residuals, the reference " + outputs));
                }
                for (int i = 0; i < Math.min(outputs, out.output().size()); i++) {
                    String name = "raw_output_" + i;
                    NDArray got = out.output().get(i);
                    results.add(GoldenCases.guard(folder() + "/" + name,
                            () -> GoldenResult.of(folder() + "/" + name, GoldenCases.compare(got, io, name))));
                }
                results.add(GoldenCases.guard(folder() + "/raw_middle_0", () -> GoldenResult.of(
                        folder() + "/raw_middle_0", GoldenCases.compare(out.middle(), io, "raw_middle_0"))));
            }
        } catch (Exception | Error e) {
            results.add(GoldenResult.error(folder(), e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return results;
    }
}
