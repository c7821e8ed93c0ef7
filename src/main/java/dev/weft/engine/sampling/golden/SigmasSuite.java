package dev.weft.engine.sampling.golden;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.CaseCheck;
import dev.weft.engine.golden.GoldenJson;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.SuiteRun;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.sampling.BetaSchedule;
import dev.weft.engine.sampling.KSamplerSigmas;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.sampling.Parameterization;
import dev.weft.engine.sampling.SamplerName;
import dev.weft.engine.sampling.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Golden folder {@code sigmas/}: the model's sigma table ({@code model_sigmas.json}), the
 * sigma/timestep conversions ({@code conversions.json}) and every scheduler and KSampler
 * schedule ({@code schedules.json}), compared with {@link Tolerance#SIGMAS}; integer timesteps
 * must be equal. Pure Java, no DJL.
 */
public final class SigmasSuite implements GoldenSuite {
    @Override
    public String folder() {
        return "sigmas";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        return SuiteRun.collect(folder(), run -> {
            ModelSampling ms = modelSampling(GoldenJson.read(caseDir.resolve("model_sigmas.json")));
            run.evaluate("sigmas/model_sigmas", () -> modelSigmas(ms, caseDir));
            run.evaluate("sigmas/conversions", () -> conversions(ms, caseDir));
            JsonObject schedules = GoldenJson.read(caseDir.resolve("schedules.json"));
            for (JsonElement e : schedules.getAsJsonArray("cases")) {
                JsonObject c = e.getAsJsonObject();
                String name = "sigmas/" + caseName(c);
                run.evaluate(name, () -> schedule(ms, c, name));
            }
        });
    }

    /** The schedule named by the manifest's beta-schedule parameters. */
    static ModelSampling modelSampling(JsonObject m) {
        String schedule = m.get("beta_schedule").getAsString().toLowerCase(Locale.ROOT);
        BetaSchedule beta = schedule.startsWith("sqrt_linear") ? BetaSchedule.SQRT_LINEAR : BetaSchedule.LINEAR;
        if (!schedule.startsWith("linear") && beta != BetaSchedule.SQRT_LINEAR) {
            throw new IllegalArgumentException("unsupported beta_schedule '" + schedule + "'");
        }
        return ModelSampling.discrete(beta, m.get("linear_start").getAsDouble(), m.get("linear_end").getAsDouble(),
                m.get("num_timesteps").getAsInt(), Parameterization.EPS);
    }

    private static GoldenResult modelSigmas(ModelSampling ms, Path dir) throws IOException {
        JsonObject m = GoldenJson.read(dir.resolve("model_sigmas.json"));
        Tolerance tol = Tolerance.SIGMAS;
        return new CaseCheck("sigmas/model_sigmas")
                .add("sigmas_float32", tol.compare(ms.sigmas(), GoldenJson.floats(m.getAsJsonArray("sigmas_float32"))))
                .add("log_sigmas_float32",
                        tol.compare(ms.logSigmas(), GoldenJson.floats(m.getAsJsonArray("log_sigmas_float32"))))
                .add("sigma_min", tol.compare(new float[] {ms.sigmaMin()}, new float[] {m.get("sigma_min").getAsFloat()}))
                .add("sigma_max", tol.compare(new float[] {ms.sigmaMax()}, new float[] {m.get("sigma_max").getAsFloat()}))
                .result();
    }

    private static GoldenResult conversions(ModelSampling ms, Path dir) throws IOException {
        JsonObject c = GoldenJson.read(dir.resolve("conversions.json"));
        Tolerance tol = Tolerance.SIGMAS;
        CaseCheck check = new CaseCheck("sigmas/conversions");
        for (JsonElement e : c.getAsJsonArray("sigma_to_timestep")) {
            JsonObject o = e.getAsJsonObject();
            float sigma = (float) GoldenJson.number(o.get("sigma_float32"));
            int expected = o.get("timestep").getAsInt();
            int got = ms.timestep(sigma);
            check.require("timestep(" + sigma + ")", got == expected, "got " + got + ", expected " + expected);
        }
        for (JsonElement e : c.getAsJsonArray("timestep_to_sigma")) {
            JsonObject o = e.getAsJsonObject();
            float t = (float) GoldenJson.number(o.get("timestep"));
            check.add("sigma(" + t + ")",
                    tol.compare(new double[] {ms.sigma(t)}, new double[] {GoldenJson.number(o.get("sigma"))}));
        }
        for (JsonElement e : c.getAsJsonArray("percent_to_sigma")) {
            JsonObject o = e.getAsJsonObject();
            double p = GoldenJson.number(o.get("percent"));
            check.add("percent_to_sigma(" + p + ")",
                    tol.compare(new double[] {ms.percentToSigma(p)}, new double[] {GoldenJson.number(o.get("sigma"))}));
        }
        return check.result();
    }

    private static String caseName(JsonObject c) {
        StringBuilder b = new StringBuilder(c.get("kind").getAsString()).append('_')
                .append(c.get("scheduler").getAsString()).append("_s").append(c.get("steps").getAsInt());
        if (c.has("denoise")) {
            b.append("_d").append(c.get("denoise").getAsDouble());
        }
        if (c.has("sampler")) {
            b.append('_').append(c.get("sampler").getAsString());
        }
        return b.toString();
    }

    private static GoldenResult schedule(ModelSampling ms, JsonObject c, String name) {
        Scheduler scheduler = Scheduler.fromComfyName(c.get("scheduler").getAsString());
        int steps = c.get("steps").getAsInt();
        String kind = c.get("kind").getAsString();
        float[] got = switch (kind) {
            case "calculate_sigmas" -> scheduler.sigmas(ms, steps);
            case "KSampler" -> KSamplerSigmas.forKSampler(ms, scheduler,
                    SamplerName.fromComfyName(c.get("sampler").getAsString()), steps, c.get("denoise").getAsDouble());
            default -> throw new IllegalArgumentException("unknown schedule kind '" + kind + "'");
        };
        float[] ref = GoldenJson.floats(c.getAsJsonArray("sigmas"));
        return new CaseCheck(name).add("sigmas", Tolerance.SIGMAS.compare(got, ref)).result();
    }
}
