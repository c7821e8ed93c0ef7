package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.image.ImageTensors;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * VAE benchmark (a program, never a test): the full-size SD VAE with random weights in memory,
 * decoding a latent to an image and encoding the image back, printing wall time, achieved GFLOP/s,
 * peak resident memory (VmHWM) and a per-op profile.
 *
 * <p>Arguments: {@code --size PX} image side in pixels (default 512, i.e. a 64x64 latent),
 * {@code --runs N} timed runs of each (default 2; the best is reported), {@code --no-encode},
 * {@code --check-winograd} (decode once more with direct convolutions and print the difference).
 * The machine's load average and this process's CPU time are printed too, because on a shared
 * machine other work inflates wall time.
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
                case "--check-winograd" -> check = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "' (use --size PX, --runs N, --no-encode, --check-winograd)");
            }
        }
        TensorRuntime.ensureInit();
        VaeConfig cfg = RandomVaeWeights.sdConfig();
        int f = cfg.spatialFactor();
        int lat = size / f;
        out.printf(Locale.ROOT, "VAE bench: SD VAE (ch %d, ch_mult %s, %d res blocks, z %d), %dx%d latent -> %dx%d image, "
                + "fp32, %d intra-op threads%n", cfg.ch(), cfg.chMult(), cfg.numResBlocks(), cfg.zChannels(), lat, lat,
                lat * f, lat * f, JniUtils.getNumThreads());
        out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
        try (NDManager m = NDManager.newBaseManager()) {
            long t = System.nanoTime();
            try (WeightMap weights = RandomVaeWeights.create(cfg, 42, m)) {
                out.printf(Locale.ROOT, "random weights: %.1f M parameters, %.0f MB, built in %.2f s%n",
                        parameters(weights) / 1e6, weights.byteSize() / 1e6, secondsSince(t));
                AutoencoderKL vae = AutoencoderKL.fromCheckpoint(weights);
                warmUp(vae, m);
                JniUtils.setSeed(7);
                NDArray latent = m.randomNormal(new Shape(1, cfg.embedDim(), lat, lat), DataType.FLOAT32);
                double reference = FlopCount.decode(cfg, lat, lat);
                OpProfile best = null;
                double bestSeconds = Double.MAX_VALUE;
                NDArray image = null;
                for (int r = 0; r < runs; r++) {
                    OpProfile p = new OpProfile();
                    double cpu0 = processCpuSeconds();
                    t = System.nanoTime();
                    NDArray img = vae.decode(latent, p);
                    double s = secondsSince(t);
                    out.printf(Locale.ROOT, "decode run %d: %.2f s wall, %.2f s process CPU%n", r + 1, s,
                            processCpuSeconds() - cpu0);
                    if (s < bestSeconds) {
                        bestSeconds = s;
                        best = p;
                    }
                    if (image != null) {
                        image.close();
                    }
                    image = img;
                }
                out.printf(Locale.ROOT, "DECODE %dx%d: %.2f s; %.0f GFLOP executed (%.0f GFLOP in ComfyUI's formulation) "
                        + "-> %.0f GFLOP/s executed, %.0f GFLOP/s ComfyUI-equivalent%n", lat * f, lat * f, bestSeconds,
                        best.totalFlops() / 1e9, reference / 1e9, best.totalFlops() / 1e9 / bestSeconds,
                        reference / 1e9 / bestSeconds);
                printProfile(best, out);
                if (check) {
                    t = System.nanoTime();
                    try (NDArray direct = vae.decode(latent, new VaeOps(null, false))) {
                        double s = secondsSince(t);
                        byte[] a = ImageTensors.toUint8(image.toFloatArray());
                        byte[] b = ImageTensors.toUint8(direct.toFloatArray());
                        int off = 0;
                        for (int i = 0; i < a.length; i++) {
                            off += a[i] != b[i] ? 1 : 0;
                        }
                        out.printf(Locale.ROOT, "direct-convolution decode (no Winograd): %.2f s; max |difference| %.2e, "
                                + "%d of %d bytes differ after SaveImage rounding%n", s,
                                image.sub(direct).abs().max().getFloat(), off, a.length);
                    }
                }
                if (encode) {
                    bestSeconds = Double.MAX_VALUE;
                    for (int r = 0; r < runs; r++) {
                        OpProfile p = new OpProfile();
                        t = System.nanoTime();
                        try (NDArray z = vae.encode(image, p)) {
                            double s = secondsSince(t);
                            z.getShape();
                            out.printf(Locale.ROOT, "encode run %d: %.2f s%n", r + 1, s);
                            if (s < bestSeconds) {
                                bestSeconds = s;
                                best = p;
                            }
                        }
                    }
                    out.printf(Locale.ROOT, "ENCODE %dx%d: %.2f s; %.0f GFLOP -> %.0f GFLOP/s%n", lat * f, lat * f,
                            bestSeconds, best.totalFlops() / 1e9, best.totalFlops() / 1e9 / bestSeconds);
                    printProfile(best, out);
                }
                image.close();
                latent.close();
            }
        }
        out.printf(Locale.ROOT, "peak resident memory (VmHWM): %s%n", procStatus("VmHWM"));
        out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    private static void warmUp(AutoencoderKL vae, NDManager m) {
        try (NDArray z = m.zeros(new Shape(1, vae.config().embedDim(), 8, 8));
             NDArray img = vae.decode(z);
             NDArray back = vae.encode(img)) {
            back.getShape();
        }
    }

    private static void printProfile(OpProfile p, PrintStream out) {
        double total = p.totalNanos() / 1e9;
        out.printf(Locale.ROOT, "  %-22s %6s %9s %7s %9s%n", "op", "calls", "seconds", "share", "GFLOP/s");
        for (OpProfile.Entry e : p.entries()) {
            out.printf(Locale.ROOT, "  %-22s %6d %9.3f %6.1f%% %9s%n", e.op(), e.calls(), e.nanos() / 1e9,
                    100 * e.nanos() / 1e9 / total, e.flops() > 0 ? String.format(Locale.ROOT, "%.0f", e.gflopsPerSecond()) : "");
        }
        out.printf(Locale.ROOT, "  %-22s %6s %9.3f%n", "timed ops total", "", total);
    }

    private static long parameters(WeightMap w) {
        long n = 0;
        for (String k : w.keys()) {
            n += w.get(k).size();
        }
        return n;
    }

    private static double secondsSince(long t) {
        return (System.nanoTime() - t) / 1e9;
    }

    static String procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
        return "unavailable";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unavailable";
        }
    }

    /** User plus system CPU time of this process (all threads, including PyTorch's), in seconds. */
    private static double processCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
