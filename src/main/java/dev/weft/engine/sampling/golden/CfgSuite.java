package dev.weft.engine.sampling.golden;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.CaseCheck;
import dev.weft.engine.golden.GoldenJson;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.SuiteRun;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.sampling.guidance.Cfg;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.sampling.guidance.RescaleCfg;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden folder {@code cfg/}: {@link Cfg#combine} with plain CFG and with {@link RescaleCfg}
 * for every result in {@code manifest.json} ({@link Tolerance#SAMPLERS}).
 */
public final class CfgSuite implements GoldenSuite {
    @Override
    public String folder() {
        return "cfg";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        return SuiteRun.collect(folder(), run -> {
            TensorRuntime.ensureInit();
            JsonObject manifest = GoldenJson.read(caseDir.resolve("manifest.json"));
            for (JsonElement e : manifest.getAsJsonArray("results")) {
                JsonObject r = e.getAsJsonObject();
                String tensor = r.get("tensor").getAsString();
                String name = "cfg/" + tensor;
                run.evaluate(name, () -> {
                    try (SafetensorsFile f = SafetensorsFile.open(caseDir.resolve("cfg.safetensors"));
                         NDManager m = NDManager.newBaseManager()) {
                        NDArray x = f.load("x", m);
                        NDArray sigma = f.load("sigma", m);
                        NDArray cond = f.load("cond_denoised", m);
                        NDArray uncond = f.load("uncond_denoised", m);
                        GuidanceOptions options = GoldenJson.isNull(r, "rescale_multiplier") ? GuidanceOptions.DEFAULT
                                : GuidanceOptions.DEFAULT.withCfgFunction(
                                        new RescaleCfg(r.get("rescale_multiplier").getAsDouble()));
                        NDArray got = Cfg.combine(x, sigma, cond, uncond, r.get("cond_scale").getAsDouble(), options);
                        return new CaseCheck(name)
                                .add(tensor, Tolerance.SAMPLERS.compare(got.toFloatArray(), f.readFloats(tensor)))
                                .result();
                    }
                });
            }
        });
    }
}
