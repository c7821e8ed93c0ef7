package dev.weft.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.models.Checkpoint;
import dev.weft.engine.models.CheckpointLoader;
import dev.weft.engine.models.CondEntry;
import dev.weft.engine.models.Conditioning;
import dev.weft.engine.models.DiffusionModel;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.models.SyntheticVocabulary;
import dev.weft.engine.models.UNetDenoiser;
import dev.weft.engine.sampling.guidance.CfgGuider;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.text.ClipActivation;
import dev.weft.engine.text.ClipBpeTokenizer;
import dev.weft.engine.text.ClipTextConfig;
import dev.weft.engine.text.EmbeddingLibrary;
import dev.weft.engine.text.PromptTokenizer;
import dev.weft.engine.text.TextConditioning;
import dev.weft.engine.unet.UNetConfig;
import dev.weft.engine.vae.VaeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code weft bench sd15}: Stable Diffusion 1.5 at full size on random weights, through the same
 * loader and models the nodes use. Writes a 2.1 GB fp16 checkpoint to a temporary folder, then
 * prints: checkpoint load time and memory, CLIP encode time, UNet time per CFG step at 512x512
 * (batch 2) with its achieved GFLOP/s next to the machine's fp32 matmul rate, VAE decode time, and
 * the peak resident memory of the process.
 *
 * <p>Options: {@code --size PX} (default 512), {@code --steps N} timed UNet steps (default 2),
 * {@code --threads N}, {@code --keep DIR} to write (or reuse) the checkpoint in DIR.
 */
public final class Sd15Bench {
    private Sd15Bench() {
    }

    /** CLIP ViT-L/14's text model as SD 1.x uses it. */
    static ClipTextConfig vitL() {
        return new ClipTextConfig(768, 12, 12, 3072, 49408, 77, 1e-5f, ClipActivation.QUICK_GELU);
    }

    public static void run(String[] args, PrintStream out) throws IOException {
        int size = 512;
        int steps = 2;
        int threads = 0;
        Path keep = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--keep" -> keep = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --size PX, --steps N, --threads N, --keep DIR)");
            }
        }
        TensorRuntime.init(null, threads);
        Path dir = keep != null ? keep : Files.createTempDirectory("weft-sd15-bench");
        Path file = dir.resolve("sd15-random-fp16.safetensors");
        out.printf(Locale.ROOT, "SD 1.5 on random weights, %dx%d, %d intra-op threads, load average %s%n%s%n",
                size, size, JniUtils.getNumThreads(), ProcessStats.loadAverage(), ProcessStats.allocatorSettings());
        try {
            if (!Files.exists(file)) {
                long t = System.nanoTime();
                SyntheticCheckpoint.write(file, SyntheticCheckpoint.shapes(UNetConfig.sd15(), vitL(),
                        VaeConfig.sd()), DType.F16, 1);
                out.printf(Locale.ROOT, "wrote %s (%.2f GB fp16) in %.1f s%n", file.getFileName(),
                        Files.size(file) / 1e9, seconds(t));
            }
            measure(file, size, steps, out);
        } finally {
            if (keep == null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        }
    }

    private static void measure(Path file, int size, int steps, PrintStream out) throws IOException {
        try (NDManager root = NDManager.newBaseManager()) {
            out.printf(Locale.ROOT, "fp32 matmul ceiling: %.0f GFLOP/s (2048^3, best of 5)%n",
                    MatmulBench.gflops(root, 2048, 5));
            PromptTokenizer tokenizer = new PromptTokenizer(new ClipBpeTokenizer(SyntheticVocabulary.create()),
                    EmbeddingLibrary.sd1(List.of()));
            long rss0 = ProcessStats.residentBytes();
            long t = System.nanoTime();
            try (SharedModel<Checkpoint> first = CheckpointLoader.load(file, tokenizer, root)) {
                out.printf(Locale.ROOT, "checkpoint load, first in this process: %.2f s (%.2f GB fp16 -> %.2f GB fp32,"
                        + " resident +%.2f GB)%n", seconds(t), Files.size(file) / 1e9, first.bytes() / 1e9,
                        (ProcessStats.residentBytes() - rss0) / 1e9);
            }
            // The first load also pays for the operating system handing the process fresh memory
            // (on this virtual machine up to several microseconds per page); a second load into
            // memory the process already had shows the loader's own cost.
            t = System.nanoTime();
            try (SharedModel<Checkpoint> ckpt = CheckpointLoader.load(file, tokenizer, root)) {
                out.printf(Locale.ROOT, "checkpoint load, again: %.2f s; peak resident so far %.2f GB%n", seconds(t),
                        ProcessStats.peakResidentBytes() / 1e9);
                Checkpoint c = ckpt.value();

                try (NDManager m = root.newSubManager()) {
                    c.clip().encode("warm up", m);
                    t = System.nanoTime();
                    TextConditioning pos = c.clip().encode("a watercolor painting of a lighthouse on a cliff at dawn", m);
                    TextConditioning neg = c.clip().encode("blurry, low quality", m);
                    out.printf(Locale.ROOT, "CLIP encode: %.2f s for two prompts%n", seconds(t));
                    unetSteps(c.model(), pos, neg, size, steps, m, out);
                    out.printf(Locale.ROOT, "peak resident after the UNet steps: %.2f GB%n",
                            ProcessStats.peakResidentBytes() / 1e9);
                    vaeDecode(c, size, m, out);
                }
            }
            out.printf(Locale.ROOT, "peak resident memory (VmHWM): %.2f GB%n", ProcessStats.peakResidentBytes() / 1e9);
        }
    }

    private static void unetSteps(DiffusionModel model, TextConditioning pos, TextConditioning neg, int size, int steps,
                                  NDManager m, PrintStream out) {
        OpProfile profile = OpProfile.recording();
        DiffusionModel profiled = model.withUnet(model.unet().withProfile(profile));
        try (NDManager run = m.newSubManager()) {
            UNetDenoiser unet = new UNetDenoiser(profiled, Conditioning.of(new CondEntry(pos.cond(), pos.pooled())),
                    Conditioning.of(new CondEntry(neg.cond(), neg.pooled())), run);
            CfgGuider guider = new CfgGuider(unet, 7.5, model.guidance());
            JniUtils.setSeed(3);
            NDArray x = run.randomNormal(new Shape(1, 4, size / 8, size / 8)).mul(14.6f);
            float sigma = 14.6f;
            guider.denoise(x, sigma).close(); // warm-up
            profile.reset();
            double best = Double.MAX_VALUE;
            double total = 0;
            for (int i = 0; i < steps; i++) {
                long t = System.nanoTime();
                guider.denoise(x, sigma).close();
                double s = seconds(t);
                best = Math.min(best, s);
                total += s;
                out.printf(Locale.ROOT, "UNet CFG step %d (batch 2): %.2f s%n", i + 1, s);
            }
            double flops = profile.totalFlops() / steps;
            out.printf(Locale.ROOT, "UNet CFG step: mean %.2f s, best %.2f s, %.2f TFLOP, %.0f GFLOP/s%n",
                    total / steps, best, flops / 1e12, flops / best / 1e9);
        }
    }

    private static void vaeDecode(Checkpoint c, int size, NDManager m, PrintStream out) {
        try (NDManager run = m.newSubManager()) {
            JniUtils.setSeed(4);
            NDArray latent = run.randomNormal(new Shape(1, 4, size / 8, size / 8));
            c.vae().decode(run.randomNormal(new Shape(1, 4, 8, 8))).close(); // warm-up
            long t = System.nanoTime();
            c.vae().decode(latent).close();
            out.printf(Locale.ROOT, "VAE decode to %dx%d: %.2f s%n", size, size, seconds(t));
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
