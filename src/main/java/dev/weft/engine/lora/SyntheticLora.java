package dev.weft.engine.lora;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.SafetensorsWriter;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Seeded random LoRAs in kohya's layout ({@code lora_unet_<diffusers name>} and
 * {@code lora_te_text_model_encoder_layers_<i>_<layer>}, each with {@code .lora_up.weight},
 * {@code .lora_down.weight} and {@code .alpha}) for a given model: the tiny LoRAs the end-to-end
 * tests run and the full-size one the benchmark applies. Convolutions get a conv-shaped pair
 * ({@code down [r, in, kh, kw]}, {@code up [out, r, 1, 1]}) as kohya's LoCon writes them.
 */
public final class SyntheticLora {
    /** Attention and feed-forward projections of the transformers, and their proj_in/proj_out. */
    public static final Predicate<String> ATTENTION = Pattern.compile(
            "(attn[12]\\.to_(q|k|v|out\\.0)|ff\\.net\\.(0\\.proj|2)|proj_in|proj_out)\\.weight$").asPredicate();
    /** The ResBlocks' 3x3 convolutions. */
    public static final Predicate<String> RESNET_CONVS = Pattern.compile("resnets\\.\\d+\\.conv[12]\\.weight$").asPredicate();

    private static final Pattern CLIP_LAYER = Pattern.compile(
            "encoder\\.layers\\.(\\d+)\\.(mlp\\.fc[12]|self_attn\\.(q|k|v|out)_proj)\\.weight");

    /**
     * One layer of the LoRA.
     *
     * @param stem   the kohya layer name
     * @param target the shape of the weight it patches
     */
    public record Layer(String stem, long[] target) {
    }

    private SyntheticLora() {
    }

    /**
     * Layers for the UNet weights whose diffusers name passes {@code include}.
     *
     * @param unetShapes parameter shapes of the UNet, keys relative to it
     */
    public static List<Layer> unetLayers(UNetConfig config, Map<String, long[]> unetShapes, Predicate<String> include) {
        List<Layer> out = new ArrayList<>();
        DiffusersUnetNames.of(config).forEach((diffusers, original) -> {
            long[] shape = unetShapes.get(original);
            if (diffusers.endsWith(".weight") && shape != null && shape.length >= 2 && include.test(diffusers)) {
                String stem = diffusers.substring(0, diffusers.length() - ".weight".length());
                out.add(new Layer("lora_unet_" + stem.replace('.', '_'), shape));
            }
        });
        return out;
    }

    /**
     * Layers for the text model's attention and MLP projections.
     *
     * @param textModelShapes parameter shapes, keys relative to {@code text_model.}
     * @param include         which keys to cover
     */
    public static List<Layer> clipLayers(Map<String, long[]> textModelShapes, Predicate<String> include) {
        List<Layer> out = new ArrayList<>();
        textModelShapes.forEach((key, shape) -> {
            var m = CLIP_LAYER.matcher(key);
            if (m.matches() && include.test(key)) {
                out.add(new Layer("lora_te_text_model_encoder_layers_" + m.group(1) + "_" + m.group(2).replace('.', '_'),
                        shape));
            }
        });
        return out;
    }

    /** Tensor name → shape of a LoRA over {@code layers} with {@code rank}. */
    public static Map<String, long[]> shapes(List<Layer> layers, int rank) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Layer l : layers) {
            long[] t = l.target();
            long in = t[1];
            boolean conv = t.length == 4;
            out.put(l.stem() + ".lora_down.weight", conv ? new long[] {rank, in, t[2], t[3]} : new long[] {rank, in});
            out.put(l.stem() + ".lora_up.weight", conv ? new long[] {t[0], rank, 1, 1} : new long[] {t[0], rank});
            out.put(l.stem() + ".alpha", new long[] {1});
        }
        return out;
    }

    /**
     * Writes a LoRA over {@code layers} to {@code file}: up and down uniform with variance
     * {@code 1/fan_in}, times {@code scale} for up; alpha = rank / 2.
     */
    public static void write(Path file, List<Layer> layers, int rank, float scale, long seed) throws IOException {
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        values(layers, rank, scale, seed).forEach((name, v) ->
                entries.add(SafetensorsWriter.Entry.ofFloats(name, DType.F32, v.shape(), v.values())));
        SafetensorsWriter.write(file, entries, Map.of("format", "pt", "weft", "synthetic lora"));
    }

    /** The same LoRA as {@link #write}, in memory under a new sub-manager of {@code parent}. */
    public static WeightMap create(List<Layer> layers, int rank, float scale, long seed, NDManager parent) {
        WeightMap map = WeightMap.create(parent);
        values(layers, rank, scale, seed).forEach((name, v) ->
                map.put(name, map.manager().create(v.values(), new Shape(v.shape()))));
        return map;
    }

    private record Values(long[] shape, float[] values) {
    }

    private static Map<String, Values> values(List<Layer> layers, int rank, float scale, long seed) {
        Map<String, Values> out = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, long[]> e : shapes(layers, rank).entrySet()) {
            long[] shape = e.getValue();
            int n = Math.toIntExact(new Shape(shape).size());
            float[] v = new float[n];
            if (e.getKey().endsWith(".alpha")) {
                v[0] = rank / 2f;
            } else {
                float bound = (float) Math.sqrt(3.0 / (n / shape[0]));
                float s = e.getKey().endsWith(".lora_up.weight") ? scale : 1f;
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (random.nextDouble() * 2 - 1) * bound * s;
                }
            }
            out.put(e.getKey(), new Values(shape, v));
        }
        return out;
    }
}
