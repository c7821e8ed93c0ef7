package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.sampling.golden.ClosedFormDenoiser;
import dev.weft.engine.sampling.golden.RecordingDenoiser;
import dev.weft.engine.sampling.guidance.CfgGuider;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.sampling.samplers.Samplers;
import dev.weft.engine.tensor.TensorRuntime;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of the sampler loop without a model ({@code weft bench sampling}): each sampler runs
 * on the closed-form denoiser, whose cost is measured separately and subtracted, so what is left
 * is the loop's own per-step overhead (scalar maths, tensor updates, scopes, noise draws). Model
 * benchmarks can subtract this from their per-step times.
 *
 * <p>Options: {@code --samplers a,b,c} (ComfyUI names), {@code --steps N} (default 30),
 * {@code --shape BxCxHxW} (default 1x4x64x64), {@code --repeats R} (default 5),
 * {@code --threads T} (default all cores). A program, never a test.
 */
public final class SamplingBench {
    private static final List<String> DEFAULT_SAMPLERS = List.of("euler", "euler_ancestral", "heun", "dpmpp_2m",
            "dpmpp_2m_sde", "dpmpp_3m_sde", "lms", "uni_pc");

    private SamplingBench() {
    }

    public static void main(String[] args) {
        run(args, System.out);
    }

    /** Runs the benchmark and prints one line per sampler. */
    public static void run(String[] args, PrintStream out) {
        List<String> samplers = DEFAULT_SAMPLERS;
        int steps = 30;
        long[] shape = {1, 4, 64, 64};
        int repeats = 5;
        int threads = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--samplers" -> samplers = Arrays.asList(require(a, v).split(","));
                case "--steps" -> steps = Integer.parseInt(require(a, v));
                case "--shape" -> shape = Arrays.stream(require(a, v).split("x")).mapToLong(Long::parseLong).toArray();
                case "--repeats" -> repeats = Integer.parseInt(require(a, v));
                case "--threads" -> threads = Integer.parseInt(require(a, v));
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "' (use --samplers, --steps, --shape, --repeats, --threads)");
            }
            i++;
        }
        TensorRuntime.init(null, threads);
        out.printf(Locale.ROOT, "sampler loop without a model: shape %s, %d steps (karras), best of %d%n",
                new Shape(shape), steps, repeats);
        out.printf(Locale.ROOT, "%-24s %6s %6s %10s %12s %14s%n", "sampler", "steps", "calls", "total ms",
                "denoise ms", "loop ms/step");
        // The first runs pay for JIT compilation and native initialisation; keep them out of the figures.
        measure(SamplerName.EULER, steps, new Shape(shape), 2);
        for (String name : samplers) {
            Result r = measure(SamplerName.fromComfyName(name), steps, new Shape(shape), repeats);
            out.printf(Locale.ROOT, "%-24s %6d %6d %10.2f %12.2f %14.3f%n", name, r.steps, r.calls, r.totalMs,
                    r.denoiseMs, (r.totalMs - r.denoiseMs) / Math.max(1, r.steps));
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private record Result(int steps, int calls, double totalMs, double denoiseMs) {
    }

    private static Result measure(SamplerName name, int steps, Shape shape, int repeats) {
        ModelSampling ms = ModelSampling.sd(Parameterization.EPS);
        float[] sigmas = KSamplerSigmas.forKSampler(ms, Scheduler.KARRAS, name, steps, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = m.randomNormal(shape);
            NDArray latent = m.zeros(shape);
            NDArray mu = m.randomNormal(shape);
            NDArray muUncond = m.randomNormal(shape);
            Denoiser inner = name.needsUnconditional()
                    ? new CfgGuider(ClosedFormDenoiser.conditioned(mu, muUncond), 2.0, GuidanceOptions.DEFAULT)
                    : new ClosedFormDenoiser(mu);
            List<Float> callSigmas = List.of();
            int[] stepCount = {0};
            StepListener listener = (i, s, x, d) -> stepCount[0]++;
            double best = Double.MAX_VALUE;
            for (int r = 0; r <= repeats; r++) {
                stepCount[0] = 0;
                RecordingDenoiser recording = new RecordingDenoiser(inner);
                SamplingContext ctx = new SamplingContext(ms, recording, sigmas, new SeededNoise(r), listener,
                        CancellationCheck.NEVER);
                long t0 = System.nanoTime();
                NDArray result = KSampling.sample(Samplers.create(name), ctx, noise, latent);
                long t1 = System.nanoTime();
                result.close();
                callSigmas = recording.sigmas();
                if (r > 0) {
                    best = Math.min(best, (t1 - t0) / 1e6);
                }
            }
            double denoise = denoiseOnly(inner, name.needsUnconditional(), noise, callSigmas, repeats);
            return new Result(stepCount[0], callSigmas.size(), best, denoise);
        }
    }

    /**
     * Time of the same denoiser calls alone (best of the repeats), each in its own scope like a
     * step. CPU tensor operations are synchronous, so no copy is needed to wait for them.
     */
    @SuppressWarnings("try")
    private static double denoiseOnly(Denoiser d, boolean guided, NDArray x, List<Float> sigmas, int repeats) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r <= repeats; r++) {
            long t0 = System.nanoTime();
            for (float s : sigmas) {
                try (NDScope scope = new NDScope()) {
                    if (guided) {
                        d.denoiseGuided(x, s);
                    } else {
                        d.denoise(x, s);
                    }
                }
            }
            long t1 = System.nanoTime();
            if (r > 0) {
                best = Math.min(best, (t1 - t0) / 1e6);
            }
        }
        return best;
    }
}
