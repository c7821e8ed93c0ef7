package dev.weft.engine.models;

import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.HalfFloats;
import dev.weft.engine.tensor.SafetensorsWriter;
import dev.weft.engine.text.ClipTextConfig;
import dev.weft.engine.text.ClipTextModel;
import dev.weft.engine.unet.ControlNetConfig;
import dev.weft.engine.unet.ParameterShapes;
import dev.weft.engine.unet.UNet;
import dev.weft.engine.unet.UNetConfig;
import dev.weft.engine.vae.VaeConfig;
import dev.weft.engine.vae.VaeParameterShapes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes single-file checkpoints in the original SD layout filled with seeded random weights: the
 * tiny checkpoints (and a matching tiny ControlNet) the end-to-end tests run, and the full-size
 * SD 1.5 file the benchmark loads.
 * Values are scaled so a forward pass stays finite and of order one (matrices and kernels uniform
 * with variance 1/fan_in, norm gains 1, biases 0). Not a training initialisation.
 *
 * <p>Data is generated and written tensor by tensor, in parallel blocks, so a 2 GB checkpoint never
 * needs to fit in memory. The same seed always gives the same file.
 */
public final class SyntheticCheckpoint {
    private static final int BLOCK = 1 << 20;

    private SyntheticCheckpoint() {
    }

    /** A tiny SD 1.x UNet: 32 channels, two levels with attention, context {@code contextDim}. */
    public static UNetConfig tinyUnet(int contextDim) {
        return new UNetConfig(4, 4, 32, List.of(1, 2), List.of(1, 1), List.of(1, 1), List.of(1, 1, 1, 1), 1,
                contextDim, false, 0, true, dev.weft.engine.unet.AttentionHeads.SD1);
    }

    /**
     * A tiny SD 1.x ControlNet for {@link #tinyUnet}{@code (contextDim)}: the same encoder (no
     * output blocks) and an RGB hint.
     */
    public static ControlNetConfig tinyControlNet(int contextDim) {
        UNetConfig u = tinyUnet(contextDim);
        UNetConfig encoder = new UNetConfig(u.inChannels(), u.outChannels(), u.modelChannels(), u.channelMult(),
                u.numResBlocks(), u.transformerDepth(), List.of(), u.transformerDepthMiddle(), u.contextDim(),
                u.useLinearInTransformer(), u.admInChannels(), u.convResample(), u.heads());
        return new ControlNetConfig(encoder, 3);
    }

    /** Every parameter of a ControlNet in the ldm layout, each key preceded by {@code prefix}. */
    public static Map<String, long[]> controlNetShapes(ControlNetConfig config, String prefix) {
        Map<String, long[]> out = new LinkedHashMap<>();
        ParameterShapes.controlNet(config).forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    /** A tiny CLIP text model with the real vocabulary size (so real token ids fit) and 64-wide heads. */
    public static ClipTextConfig tinyClip() {
        return new ClipTextConfig(64, 2, 1, 128, 49408, 77, 1e-5f, dev.weft.engine.text.ClipActivation.QUICK_GELU);
    }

    /** A tiny VAE with the real 8x factor: 32 channels, four levels. */
    public static VaeConfig tinyVae() {
        return new VaeConfig(32, List.of(1, 1, 1, 2), 1, 4, 4, true, 3, java.util.Set.of(), java.util.Set.of(),
                true, true, true);
    }

    /** Every parameter of a checkpoint with these parts, checkpoint key → shape, in module order. */
    public static Map<String, long[]> shapes(UNetConfig unet, ClipTextConfig clip, VaeConfig vae) {
        Map<String, long[]> out = new LinkedHashMap<>();
        ParameterShapes.unet(unet).forEach((k, v) -> out.put(UNet.CHECKPOINT_PREFIX + k, v));
        clipShapes(clip).forEach((k, v) -> out.put(ClipTextModel.CHECKPOINT_PREFIX + k, v));
        out.putAll(VaeParameterShapes.of(vae));
        return out;
    }

    /** CLIP text model parameters, keys relative to {@code text_model.}. */
    static Map<String, long[]> clipShapes(ClipTextConfig c) {
        Map<String, long[]> out = new LinkedHashMap<>();
        long w = c.hiddenSize();
        out.put("embeddings.token_embedding.weight", new long[] {c.vocabSize(), w});
        out.put("embeddings.position_embedding.weight", new long[] {c.maxPositions(), w});
        for (int i = 0; i < c.layers(); i++) {
            String p = "encoder.layers." + i + ".";
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                out.put(p + "self_attn." + proj + ".weight", new long[] {w, w});
                out.put(p + "self_attn." + proj + ".bias", new long[] {w});
            }
            out.put(p + "layer_norm1.weight", new long[] {w});
            out.put(p + "layer_norm1.bias", new long[] {w});
            out.put(p + "mlp.fc1.weight", new long[] {c.intermediateSize(), w});
            out.put(p + "mlp.fc1.bias", new long[] {c.intermediateSize()});
            out.put(p + "mlp.fc2.weight", new long[] {w, c.intermediateSize()});
            out.put(p + "mlp.fc2.bias", new long[] {w});
            out.put(p + "layer_norm2.weight", new long[] {w});
            out.put(p + "layer_norm2.bias", new long[] {w});
        }
        out.put("final_layer_norm.weight", new long[] {w});
        out.put("final_layer_norm.bias", new long[] {w});
        return out;
    }

    /**
     * Writes a checkpoint of {@code shapes} to {@code file} in {@code dtype} (F32, F16 or BF16).
     *
     * @param seed decides every value; tensor {@code i} uses its own stream derived from it
     */
    public static void write(Path file, Map<String, long[]> shapes, DType dtype, long seed) throws IOException {
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long tensorSeed = seed * 1_000_003L + index++;
            String key = e.getKey();
            long[] shape = e.getValue();
            entries.add(new SafetensorsWriter.Entry(key, dtype, shape,
                    (ch, pos) -> SafetensorsWriter.writeFully(ch, values(key, shape, dtype, tensorSeed), pos)));
        }
        SafetensorsWriter.write(file, entries, Map.of("format", "pt", "weft", "synthetic"));
    }

    /** One tensor's little-endian bytes, generated in parallel blocks. */
    private static ByteBuffer values(String key, long[] shape, DType dtype, long seed) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n * dtype.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " is too large for one buffer");
        }
        int count = (int) n;
        ByteBuffer out = ByteBuffer.allocate(count * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        float constant = shape.length == 1 ? (key.endsWith(".weight") ? 1f : 0f) : Float.NaN;
        long fanIn = shape.length > 1 ? n / shape[0] : 1;
        float bound = (float) Math.sqrt(3.0 / fanIn);
        int blocks = (count + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            SplittableRandom r = new SplittableRandom(seed * 31 + b);
            int from = b * BLOCK;
            int to = Math.min(count, from + BLOCK);
            for (int i = from; i < to; i++) {
                float v = Float.isNaN(constant) ? (float) (r.nextDouble() * 2 - 1) * bound : constant;
                switch (dtype) {
                    case F32 -> out.putFloat(i * 4, v);
                    case F16 -> out.putShort(i * 2, HalfFloats.floatToHalf(v));
                    case BF16 -> out.putShort(i * 2, HalfFloats.floatToBf16(v));
                    default -> throw new IllegalArgumentException("synthetic weights are F32, F16 or BF16");
                }
            }
        });
        return out;
    }
}
