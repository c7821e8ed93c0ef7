package dev.weft.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.image.ImageTensors;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.RandomWeights;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.vae.AutoencoderKL;
import dev.weft.engine.vae.VaeConfig;
import dev.weft.engine.vae.VaeFlopCount;
import dev.weft.engine.vae.VaeParameterShapes;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code weft bench vae}: the full-size SD VAE with seeded random weights in memory, decoding a
 * latent to an image and encoding the image back. Prints wall and CPU time per run (best and
 * median), achieved GFLOP/s, a per-op profile of the best run, the peak resident memory (VmHWM)
 * and the machine's load average (on a shared machine other work inflates wall time). A program,
 * not a test.
 *
 * <p>Options: {@code --size PX} image side in pixels (default 512, i.e. a 64x64 latent),
 * {@code --runs N} timed runs of each (default 2), {@code --no-encode}, {@code --check} (decode
 * once more with direct convolutions, as ComfyUI computes, and print the difference).
 */
public final class VaeBench {
    private VaeBench() {
    }

    public static void main(String[] args) {
        run(args, System.out);
    }

    public static void run(String[] args, PrintStream out) {
        int size = 512;
        int runs = 2;
        boolean encode = true;
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--no-encode" -> encode = false;
                case "--check" -> check = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "' (use --size PX, --runs N, --no-encode, --check)");
            }
        }
        TensorRuntime.ensureInit();
        VaeConfig cfg = VaeConfig.sd();
        int f = cfg.spatialFactor();
        int lat = size / f;
        out.printf(Locale.ROOT, "VAE bench: SD VAE (ch %d, ch_mult %s, %d res blocks, z %d), %dx%d latent -> %dx%d image, "
                + "fp32, %d intra-op threads, %s%n", cfg.ch(), cfg.chMult(), cfg.numResBlocks(),
                cfg.zChannels(), lat, lat, lat * f, lat * f, JniUtils.getNumThreads(), ProcessStats.allocatorSettings());
        out.printf(Locale.ROOT, "load average before: %s%n", ProcessStats.loadAverage());
        try (NDManager m = NDManager.newBaseManager()) {
            long t = System.nanoTime();
            try (WeightMap weights = RandomWeights.create(VaeParameterShapes.of(cfg), 42, m)) {
                out.printf(Locale.ROOT, "random weights: %.1f M parameters, %.0f MB, built in %.2f s%n",
                        weights.byteSize() / 4e6, weights.byteSize() / 1e6, secondsSince(t));
                AutoencoderKL vae = AutoencoderKL.fromCheckpoint(weights);
                warmUp(vae, m);
                JniUtils.setSeed(7);
                NDArray latent = m.randomNormal(new Shape(1, cfg.embedDim(), lat, lat), DataType.FLOAT32);
                Timed decoded = time("decode", runs, p -> vae.withProfile(p).decode(latent), out);
                double reference = VaeFlopCount.decode(cfg, lat, lat);
                out.printf(Locale.ROOT, "DECODE %dx%d: best %.2f s, median %.2f s; %.0f GFLOP executed (%.0f GFLOP in "
                        + "ComfyUI's formulation) -> %.0f GFLOP/s executed, %.0f GFLOP/s ComfyUI-equivalent (best)%n",
                        lat * f, lat * f, decoded.best, decoded.median, decoded.profile.totalFlops() / 1e9, reference / 1e9,
                        decoded.profile.totalFlops() / 1e9 / decoded.best, reference / 1e9 / decoded.best);
                ProfileTable.print(out, decoded.profile, 1, decoded.best);
                out.printf(Locale.ROOT, "peak resident memory after decoding (VmHWM): %.2f GB%n",
                        ProcessStats.peakResidentBytes() / 1e9);
                if (check) {
                    t = System.nanoTime();
                    try (NDArray direct = vae.withDirectConvolutions().decode(latent)) {
                        double s = secondsSince(t);
                        byte[] a = ImageTensors.toUint8(decoded.result.toFloatArray());
                        byte[] b = ImageTensors.toUint8(direct.toFloatArray());
                        int off = 0;
                        for (int i = 0; i < a.length; i++) {
                            off += a[i] != b[i] ? 1 : 0;
                        }
                        out.printf(Locale.ROOT, "direct-convolution decode: %.2f s; max |difference| %.2e, "
                                + "%d of %d bytes differ after SaveImage rounding%n", s,
                                decoded.result.sub(direct).abs().max().getFloat(), off, a.length);
                    }
                }
                if (encode) {
                    Timed encoded = time("encode", runs, p -> vae.withProfile(p).encode(decoded.result), out);
                    out.printf(Locale.ROOT, "ENCODE %dx%d: best %.2f s, median %.2f s; %.0f GFLOP -> %.0f GFLOP/s%n",
                            lat * f, lat * f, encoded.best, encoded.median, encoded.profile.totalFlops() / 1e9,
                            encoded.profile.totalFlops() / 1e9 / encoded.best);
                    ProfileTable.print(out, encoded.profile, 1, encoded.best);
                    encoded.result.close();
                }
                decoded.result.close();
                latent.close();
            }
        }
        out.printf(Locale.ROOT, "peak resident memory (VmHWM): %.2f GB%n", ProcessStats.peakResidentBytes() / 1e9);
        out.printf(Locale.ROOT, "load average after: %s%n", ProcessStats.loadAverage());
    }

    /** Best and median wall time of several runs, the best run's profile and the last run's result. */
    private record Timed(double best, double median, OpProfile profile, NDArray result) {
    }

    private static Timed time(String what, int runs, Function<OpProfile, NDArray> body, PrintStream out) {
        double[] seconds = new double[runs];
        OpProfile best = null;
        double bestSeconds = Double.MAX_VALUE;
        NDArray result = null;
        for (int r = 0; r < runs; r++) {
            OpProfile p = OpProfile.recording();
            ProcessStats.CpuUsage before = ProcessStats.cpuUsage();
            long t = System.nanoTime();
            NDArray y = body.apply(p);
            seconds[r] = secondsSince(t);
            ProcessStats.CpuUsage used = ProcessStats.cpuUsage().minus(before);
            out.printf(Locale.ROOT, "%s run %d: %.2f s wall, %.2f s user + %.2f s system CPU, %d minor page faults%n",
                    what, r + 1, seconds[r], used.userSeconds(), used.systemSeconds(), used.minorFaults());
            if (seconds[r] < bestSeconds) {
                bestSeconds = seconds[r];
                best = p;
            }
            if (result != null) {
                result.close();
            }
            result = y;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        return new Timed(sorted[0], sorted[runs / 2], best, result);
    }

    private static void warmUp(AutoencoderKL vae, NDManager m) {
        try (NDArray z = m.zeros(new Shape(1, vae.config().embedDim(), 8, 8));
             NDArray img = vae.decode(z);
             NDArray back = vae.encode(img)) {
            back.getShape();
        }
    }

    private static double secondsSince(long t) {
        return (System.nanoTime() - t) / 1e9;
    }
}
