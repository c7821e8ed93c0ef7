package dev.weft.engine.lora;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.ParameterShapes;
import dev.weft.engine.tensor.RandomWeights;
import dev.weft.engine.unet.UNet;
import dev.weft.engine.unet.UNetConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code weft bench lora}: times LoRA patching on the full-size SD 1.5 UNet with seeded random fp32
 * weights built in memory (conv kernels packed, as the checkpoint loader leaves them) and a
 * rank-32 kohya LoRA over every transformer layer (to_q/k/v/out, feed-forward, proj_in/out) and,
 * with {@code --conv 1}, every ResBlock convolution. Prints the time to apply it, to remove it
 * (drop the patched model and free its tensors), to re-apply it from the patch cache, to re-patch
 * after a strength change, and to re-patch a two-LoRA stack after one row's strength changed. A
 * program, not a test.
 *
 * <pre>
 * options: --rank R (32), --conv 1|0 (0), --repeat N timed repetitions, best and median (3),
 *          --threads N (all cores), --seed S (1)
 * </pre>
 */
public final class LoraBench {
    /** The idle budget the editor's patcher has (EngineServices). */
    private static final long IDLE_BYTES = 2L << 30;

    private LoraBench() {
    }

    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /** Runs the benchmark with {@code args} (see the class comment), printing to {@code out}. */
    public static void run(String[] args, PrintStream out) throws Exception {
        Options o = Options.parse(args);
        TensorRuntime.init(null, o.threads);
        UNetConfig config = UNetConfig.sd15();
        Map<String, long[]> shapes = ParameterShapes.unet(config);
        try (NDManager m = NDManager.newBaseManager()) {
            long t0 = System.nanoTime();
            WeightMap weights = RandomWeights.create(shapes, o.seed, m);
            int packed = ConvWeights.packForCpu(weights, "").size();
            out.printf(Locale.ROOT, "UNet SD 1.5, random fp32 weights: %d tensors, %.2f GB, %d conv kernels packed,"
                    + " built in %.1f s; %d threads%n", shapes.size(), weights.byteSize() / 1e9, packed, seconds(t0),
                    JniUtils.getNumThreads());
            UNet unet = new UNet(config, weights);

            Predicate<String> covered = o.conv ? SyntheticLora.ATTENTION.or(SyntheticLora.RESNET_CONVS)
                    : SyntheticLora.ATTENTION;
            List<SyntheticLora.Layer> layers = SyntheticLora.unetLayers(config, shapes, covered);
            long convLayers = layers.stream().filter(l -> l.target().length == 4 && l.target()[2] > 1).count();
            try (SharedModel<LoraFile> lora = inMemory("bench_a", SyntheticLora.create(layers, o.rank, 0.5f, 11, m));
                 LoraPatcher cold = new LoraPatcher(m, 0);
                 LoraPatcher warm = new LoraPatcher(m, IDLE_BYTES)) {
                out.printf(Locale.ROOT, "LoRA: rank %d, %d layers (%d of them 3x3 convs), %.1f MB%n", o.rank,
                        layers.size(), convLayers, lora.bytes() / 1e6);
                long f = System.nanoTime();
                LoraPatcher.Result firstTime = cold.apply(unet, null, List.of(new LoraPatcher.Request(lora, 1.0, 0)));
                double first = seconds(f);
                long patchedBytes = cold.stats().heldBytes();
                firstTime.lease().close();
                out.printf(Locale.ROOT, "patched tensors: %d keys, %.2f GB%n", layers.size(), patchedBytes / 1e9);
                out.printf(Locale.ROOT, "%-84s %7.1f ms%n", "apply, first in the process (faults in fresh memory):",
                        first * 1e3);

                double[] apply = new double[o.repeat];
                double[] remove = new double[o.repeat];
                double[] reapply = new double[o.repeat];
                double[] restrength = new double[o.repeat];
                long reapplyComputed = 0;
                long restrengthComputed = 0;
                for (int i = 0; i < o.repeat; i++) {
                    long a = System.nanoTime();
                    LoraPatcher.Result r = cold.apply(unet, null, List.of(new LoraPatcher.Request(lora, 1.0, 0)));
                    apply[i] = seconds(a);
                    long b = System.nanoTime();
                    r.lease().close(); // budget 0: every patched tensor is freed, the base alone remains
                    remove[i] = seconds(b);

                    warm.apply(unet, null, List.of(new LoraPatcher.Request(lora, 0.8, 0))).lease().close();
                    long before = warm.stats().computedKeys();
                    long c = System.nanoTime();
                    LoraPatcher.Result again = warm.apply(unet, null, List.of(new LoraPatcher.Request(lora, 0.8, 0)));
                    reapply[i] = seconds(c);
                    again.lease().close();
                    long between = warm.stats().computedKeys();
                    long d = System.nanoTime();
                    LoraPatcher.Result changed = warm.apply(unet, null,
                            List.of(new LoraPatcher.Request(lora, 0.5 + 0.01 * i, 0)));
                    restrength[i] = seconds(d);
                    changed.lease().close();
                    reapplyComputed += between - before;
                    restrengthComputed += warm.stats().computedKeys() - between;
                }
                print(out, "apply (compute every patched weight)", apply);
                print(out, "remove (drop the patched model, free its tensors)", remove);
                print(out, String.format(Locale.ROOT, "re-apply at the same strength (patch cache of %.1f GB;"
                        + " %d keys recomputed)", IDLE_BYTES / 1e9, reapplyComputed / o.repeat), reapply);
                print(out, String.format(Locale.ROOT, "re-patch after a strength change (%d keys recomputed)",
                        restrengthComputed / o.repeat), restrength);
            }
            stack(out, o, config, shapes, unet, m);
            weights.close();
        }
    }

    /**
     * A stack of two LoRAs (down and middle blocks, up blocks): changing the second row's strength
     * re-patches its keys only.
     */
    private static void stack(PrintStream out, Options o, UNetConfig config, Map<String, long[]> shapes, UNet unet,
                              NDManager m) throws Exception {
        Predicate<String> down = d -> !d.startsWith("up_blocks") && SyntheticLora.ATTENTION.test(d);
        Predicate<String> up = d -> d.startsWith("up_blocks") && SyntheticLora.ATTENTION.test(d);
        try (SharedModel<LoraFile> a = inMemory("bench_down", SyntheticLora.create(
                SyntheticLora.unetLayers(config, shapes, down), o.rank, 0.5f, 12, m));
             SharedModel<LoraFile> b = inMemory("bench_up", SyntheticLora.create(
                     SyntheticLora.unetLayers(config, shapes, up), o.rank, 0.5f, 13, m));
             LoraPatcher patcher = new LoraPatcher(m, IDLE_BYTES)) {
            LoraPatcher.Result r = patcher.apply(unet, null,
                    List.of(new LoraPatcher.Request(a, 1.0, 0), new LoraPatcher.Request(b, 1.0, 0)));
            r.lease().close();
            double[] times = new double[o.repeat];
            long before = patcher.stats().computedKeys();
            for (int i = 0; i < o.repeat; i++) {
                long t = System.nanoTime();
                LoraPatcher.Result changed = patcher.apply(unet, null, List.of(new LoraPatcher.Request(a, 1.0, 0),
                        new LoraPatcher.Request(b, 0.5 + 0.01 * i, 0)));
                times[i] = seconds(t);
                changed.lease().close();
            }
            long recomputed = (patcher.stats().computedKeys() - before) / o.repeat;
            print(out, String.format(Locale.ROOT, "stack of 2 (down+mid / up blocks), 2nd row's strength changed"
                    + " (%d of %d keys recomputed)", recomputed, recomputed + a.value().keys().size() / 3), times);
        }
    }

    private static SharedModel<LoraFile> inMemory(String name, WeightMap tensors) {
        return SharedModel.create(LoraFile.of(new LoraFile.Id(Path.of(name + ".safetensors"), tensors.byteSize(), 0),
                tensors), tensors, tensors.byteSize());
    }

    private static void print(PrintStream out, String what, double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        out.printf(Locale.ROOT, "%-84s best %7.1f ms, median %7.1f ms%n", what + ":", s[0] * 1e3, s[s.length / 2] * 1e3);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private record Options(int rank, boolean conv, int repeat, int threads, long seed) {
        static Options parse(String[] args) {
            int rank = 32;
            boolean conv = false;
            int repeat = 3;
            int threads = Runtime.getRuntime().availableProcessors();
            long seed = 1;
            List<String> a = new ArrayList<>(List.of(args));
            for (int i = 0; i + 1 < a.size(); i += 2) {
                String v = a.get(i + 1);
                switch (a.get(i)) {
                    case "--rank" -> rank = Integer.parseInt(v);
                    case "--conv" -> conv = !v.equals("0");
                    case "--repeat" -> repeat = Math.max(1, Integer.parseInt(v));
                    case "--threads" -> threads = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + a.get(i)
                            + " (use --rank, --conv, --repeat, --threads, --seed)");
                }
            }
            if (a.size() % 2 != 0) {
                throw new IllegalArgumentException("option " + a.get(a.size() - 1) + " needs a value");
            }
            return new Options(rank, conv, repeat, threads, seed);
        }
    }
}
