package dev.weft.engine.sampling.golden;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.CaseCheck;
import dev.weft.engine.golden.GoldenJson;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.SuiteRun;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.sampling.CancellationCheck;
import dev.weft.engine.sampling.Denoiser;
import dev.weft.engine.sampling.KSamplerSigmas;
import dev.weft.engine.sampling.KSampling;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.sampling.Parameterization;
import dev.weft.engine.sampling.SamplerName;
import dev.weft.engine.sampling.SamplingContext;
import dev.weft.engine.sampling.Scheduler;
import dev.weft.engine.sampling.guidance.CfgGuider;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.sampling.samplers.Samplers;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Golden folder {@code samplers/}: every run listed in {@code index.json} goes through the same
 * path as ComfyUI's KSampler: {@link KSamplerSigmas} for the run's scheduler, steps and denoise,
 * {@link KSampling#sample} with the named sampler, the closed-form denoiser of the README
 * ({@link ClosedFormDenoiser}; two of them combined by {@link CfgGuider} for CFG++ runs) and the
 * recorded noise replayed in call order ({@link ReplayedNoise}).
 *
 * <p>Per run it checks the KSampler sigmas ({@link Tolerance#SIGMAS}); the number of model calls,
 * noise draws and listener steps (exactly); and, with the README's sampler tolerance
 * ({@link Tolerance#SAMPLERS}), every sigma the denoiser and the noise source were called with
 * (each on its own), the start state, the listener's x and denoised at every step (each step on
 * its own) and the output. The sampler-internal sigmas get the sampler tolerance because
 * dpm_adaptive derives them from its float32 error estimate, whose last bits steer the step
 * size.
 */
public final class SamplersSuite implements GoldenSuite {
    @Override
    public String folder() {
        return "samplers";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        return SuiteRun.collect(folder(), run -> {
            TensorRuntime.ensureInit();
            JsonArray runs = GoldenJson.read(caseDir.resolve("index.json")).getAsJsonArray("runs");
            ModelSampling ms = ModelSampling.sd(Parameterization.EPS);
            for (JsonElement e : runs) {
                String runName = e.getAsString();
                String name = "samplers/" + runName;
                run.evaluate(name, () -> runCase(ms, caseDir, runName, name));
            }
        });
    }

    private static GoldenResult runCase(ModelSampling ms, Path dir, String run, String name) throws IOException {
        JsonObject json = GoldenJson.read(dir.resolve(run + ".json"));
        SamplerName samplerName = SamplerName.fromComfyName(json.get("sampler").getAsString());
        CaseCheck check = new CaseCheck(name);

        float[] sigmas = KSamplerSigmas.forKSampler(ms, Scheduler.fromComfyName(json.get("scheduler").getAsString()),
                samplerName, json.get("steps").getAsInt(), json.get("denoise").getAsDouble());
        check.add("sigmas", Tolerance.SIGMAS.compare(sigmas, GoldenJson.floats(json.getAsJsonArray("sigmas"))));
        boolean maxDenoise = ms.isMaxDenoise(sigmas[0]);
        check.require("max_denoise", maxDenoise == json.get("max_denoise").getAsBoolean(), "got " + maxDenoise);

        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(run + ".safetensors"));
             NDManager m = NDManager.newBaseManager()) {
            NDArray noise = f.load("noise", m);
            NDArray latent = f.load("latent_image", m);
            NDArray mu = f.load("mu", m);

            try (NDArray xInit = ms.noiseScaling(sigmas[0], noise, latent, maxDenoise)) {
                check.add("x_init", Tolerance.SAMPLERS.compare(xInit.toFloatArray(), f.readFloats("x_init")));
            }

            ClosedFormDenoiser single = new ClosedFormDenoiser(mu);
            Denoiser denoiser = single;
            if (!GoldenJson.isNull(json, "cond_scale")) {
                NDArray muUncond = f.load("mu_uncond", m);
                denoiser = new CfgGuider(ClosedFormDenoiser.conditioned(mu, muUncond),
                        json.get("cond_scale").getAsDouble(), GuidanceOptions.DEFAULT);
            }
            RecordingDenoiser recording = new RecordingDenoiser(denoiser);
            ReplayedNoise replay = new ReplayedNoise(f.contains("noise_draws") ? f.load("noise_draws", m) : null);
            StepRecorder steps = new StepRecorder();
            SamplingContext ctx = new SamplingContext(ms, recording, sigmas, replay, steps, CancellationCheck.NEVER);

            float[] output;
            try (NDArray result = KSampling.sample(Samplers.create(samplerName), ctx, noise, latent)) {
                output = result.toFloatArray();
            }

            compareCalls(check, "model_call_sigmas", recording.sigmas(),
                    GoldenJson.floats(json.getAsJsonArray("model_call_sigmas")));
            JsonArray draws = json.getAsJsonArray("noise_draws");
            check.require("num_noise_draws", replay.calls().size() == draws.size(),
                    "sampler drew " + replay.calls().size() + " times, ComfyUI " + draws.size());
            for (int k = 0; k < Math.min(draws.size(), replay.calls().size()); k++) {
                float[] expected = GoldenJson.floats(draws.get(k).getAsJsonArray());
                check.add("noise_draws[" + k + "] sigmas", Tolerance.SAMPLERS.compare(replay.calls().get(k), expected));
            }

            int[] expectedSteps = GoldenJson.ints(json.getAsJsonArray("callback_steps"));
            check.require("callback_steps", Arrays.equals(steps.steps(), expectedSteps),
                    "got " + Arrays.toString(steps.steps()) + ", expected " + Arrays.toString(expectedSteps));
            float[] refX = f.readFloats("callback_x");
            float[] refDenoised = f.readFloats("callback_denoised");
            int per = (int) noise.size();
            for (int k = 0; k < Math.min(expectedSteps.length, steps.count()); k++) {
                check.add("callback_x[" + k + "]", Tolerance.SAMPLERS.compare(steps.x(k),
                        Arrays.copyOfRange(refX, k * per, (k + 1) * per)));
                check.add("callback_denoised[" + k + "]", Tolerance.SAMPLERS.compare(steps.denoised(k),
                        Arrays.copyOfRange(refDenoised, k * per, (k + 1) * per)));
            }
            check.add("output", Tolerance.SAMPLERS.compare(output, f.readFloats("output")));
        }
        return check.result();
    }

    private static void compareCalls(CaseCheck check, String part, List<Float> got, float[] expected) {
        check.require(part + " count", got.size() == expected.length,
                "denoiser called " + got.size() + " times, ComfyUI " + expected.length);
        float[] g = new float[got.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = got.get(i);
        }
        if (g.length == expected.length) {
            for (int i = 0; i < g.length; i++) {
                check.add(part + "[" + i + "]", Tolerance.SAMPLERS.compare(new float[] {g[i]}, new float[] {expected[i]}));
            }
        }
    }
}
