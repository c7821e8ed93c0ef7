package dev.weft.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.RandomWeights;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.ParameterShapes;
import dev.weft.engine.unet.UNet;
import dev.weft.engine.unet.UNetConfig;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * {@code weft bench unet}: times one classifier-free-guidance step of the full-size SD 1.5 UNet
 * (cond and uncond as one batch of 2, as ComfyUI batches them) on seeded random fp32 weights built
 * in memory, and prints
 * the time per step, the achieved GFLOP/s (FLOPs counted from the shapes of every conv, linear and
 * attention product), the machine's fp32 matmul rate for comparison, the peak resident memory
 * (VmHWM) and where the time goes per kind of operation. A program, not a test.
 *
 * <p>{@code weft bench} relaunches itself with libtorch's huge pages and glibc's single heap (the
 * CLI's {@code NativeMemory}); run in-process without them, a step takes ~460k page faults instead
 * of ~350 and its times wander.
 *
 * <pre>
 * options: --size N (square image, default 512) | --width W --height H, --batch B (2),
 *          --steps N timed steps (3), --warmup N (1), --threads N (all cores),
 *          --tokens T context length (77), --seed S (1), --pack 1|0 (prepack conv kernels, 1)
 * </pre>
 */
public final class UNetBench {
    private UNetBench() {
    }

    public static void main(String[] args) {
        run(args, System.out);
    }

    /** Runs the benchmark with {@code args} (see the class comment), printing to {@code out}. */
    public static void run(String[] args, PrintStream out) {
        Options o = Options.parse(args);
        TensorRuntime.init(null, o.threads);
        UNetConfig config = UNetConfig.sd15();
        long latentH = o.height / 8;
        long latentW = o.width / 8;
        try (NDManager m = NDManager.newBaseManager()) {
            out.printf(Locale.ROOT, "UNet SD 1.5, random fp32 weights (seed %d), image %dx%d -> latent %dx4x%dx%d,"
                    + " context %dx%dx%d, %d threads, load average %s%n", o.seed, o.width, o.height, o.batch, latentH,
                    latentW, o.batch, o.tokens, config.contextDim(), JniUtils.getNumThreads(), ProcessStats.loadAverage());
            // libtorch and glibc read these once, before the first allocation (see the CLI's relaunch).
            out.println(ProcessStats.allocatorSettings());
            long t0 = System.nanoTime();
            Map<String, long[]> shapes = ParameterShapes.unet(config);
            try (WeightMap weights = RandomWeights.create(shapes, o.seed, m)) {
                out.printf(Locale.ROOT, "weights: %d tensors, %.1fM parameters, %.2f GB, built in %.1f s%n",
                        shapes.size(), weights.byteSize() / 4e6, weights.byteSize() / 1e9, seconds(t0));
                if (o.pack) {
                    long p0 = System.nanoTime();
                    int n = ConvWeights.packForCpu(weights, "").size();
                    out.printf(Locale.ROOT, "packed %d conv kernels for oneDNN in %.1f s%n", n, seconds(p0));
                }
                out.printf(Locale.ROOT, "fp32 matmul ceiling: %.0f GFLOP/s (2048^3, best of 5)%n", MatmulBench.gflops(m, 2048, 5));
                OpProfile profile = OpProfile.recording();
                UNet unet = new UNet(config, weights).withProfile(profile);
                JniUtils.setSeed(o.seed + 1);
                NDArray x = m.randomNormal(new Shape(o.batch, 4, latentH, latentW));
                NDArray ctx = m.randomNormal(new Shape(o.batch, o.tokens, config.contextDim()));
                float[] ts = new float[(int) o.batch];
                java.util.Arrays.fill(ts, 999f);
                NDArray t = m.create(ts);
                for (int i = 0; i < o.warmup; i++) {
                    double s = step(unet, x, t, ctx);
                    out.printf(Locale.ROOT, "warm-up step: %.2f s%n", s);
                }
                profile.reset();
                double total = 0;
                double best = Double.MAX_VALUE;
                for (int i = 0; i < o.steps; i++) {
                    ProcessStats.CpuUsage before = ProcessStats.cpuUsage();
                    double s = step(unet, x, t, ctx);
                    ProcessStats.CpuUsage used = ProcessStats.cpuUsage().minus(before);
                    total += s;
                    best = Math.min(best, s);
                    out.printf(Locale.ROOT, "step %d: %.2f s wall, %.2f s user + %.2f s sys CPU, %d minor page faults%n",
                            i + 1, s, used.userSeconds(), used.systemSeconds(), used.minorFaults());
                }
                double mean = total / o.steps;
                double flops = profile.totalFlops() / o.steps;
                out.printf(Locale.ROOT, "CFG step (batch %d): mean %.2f s, best %.2f s, %.3f TFLOP, %.0f GFLOP/s (best)%n",
                        o.batch, mean, best, flops / 1e12, flops / best / 1e9);
                out.printf(Locale.ROOT, "peak resident memory (VmHWM): %.2f GB; load average %s%n",
                        ProcessStats.peakResidentBytes() / 1e9, ProcessStats.loadAverage());
                ProfileTable.print(out, profile, o.steps, mean);
            }
        }
    }

    private static double step(UNet unet, NDArray x, NDArray t, NDArray ctx) {
        long t0 = System.nanoTime();
        NDArray eps = unet.forward(x, t, ctx, null, null);
        eps.close();
        return seconds(t0);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private record Options(long width, long height, long batch, int steps, int warmup, int threads, long tokens,
                           long seed, boolean pack) {
        static Options parse(String[] args) {
            long width = 512;
            long height = 512;
            long batch = 2;
            int steps = 3;
            int warmup = 1;
            int threads = 0;
            long tokens = 77;
            long seed = 1;
            boolean pack = true;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                long v = Long.parseLong(args[++i]);
                switch (a) {
                    case "--size" -> {
                        width = v;
                        height = v;
                    }
                    case "--width" -> width = v;
                    case "--height" -> height = v;
                    case "--batch" -> batch = v;
                    case "--steps" -> steps = (int) v;
                    case "--warmup" -> warmup = (int) v;
                    case "--threads" -> threads = (int) v;
                    case "--tokens" -> tokens = v;
                    case "--seed" -> seed = v;
                    case "--pack" -> pack = v != 0;
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + " (--size, --width, --height, --batch, --steps, --warmup, --threads, --tokens,"
                            + " --seed, --pack)");
                }
            }
            if (width % 8 != 0 || height % 8 != 0 || steps < 1 || batch < 1) {
                throw new IllegalArgumentException("width and height must be multiples of 8, steps and batch >= 1");
            }
            return new Options(width, height, batch, steps, warmup, threads, tokens, seed, pack);
        }
    }
}
