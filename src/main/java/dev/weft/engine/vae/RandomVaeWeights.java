package dev.weft.engine.vae;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.WeightMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeded random AutoencoderKL weights for a given architecture, under the checkpoint's key names
 * ({@code first_stage_model.encoder.conv_in.weight}, ...), for benchmarks and tests that need a
 * shape the golden data does not have (the full SD VAE, batches, decoder-only files).
 *
 * <p>Convolution weights are N(0, 1/fan_in) so activations stay of order one through the network,
 * norms are identity, biases small. Not a model of anything. Engine thread only.
 */
public final class RandomVaeWeights {
    private RandomVaeWeights() {
    }

    /** The SD 1.x/2.x/XL VAE: ch 128, ch_mult [1, 2, 4, 4], 2 res blocks, z 4, embed 4 (83.7 M parameters). */
    public static VaeConfig sdConfig() {
        return new VaeConfig(128, java.util.List.of(1, 2, 4, 4), 2, 4, 4, true, 3,
                java.util.Set.of(), java.util.Set.of(), true, true, true);
    }

    /** Every parameter name (with {@code first_stage_model.}) and its shape, in module order. */
    public static Map<String, long[]> shapes(VaeConfig c) {
        Map<String, long[]> out = new LinkedHashMap<>();
        String p = AutoencoderKL.CHECKPOINT_PREFIX;
        int levels = c.levels();
        if (c.hasEncoder()) {
            conv(out, p + "encoder.conv_in", c.ch(), c.imageChannels(), 3);
            int in = c.ch();
            for (int i = 0; i < levels; i++) {
                int o = c.channels(i);
                for (int j = 0; j < c.numResBlocks(); j++) {
                    resnet(out, p + "encoder.down." + i + ".block." + j, in, o);
                    in = o;
                    if (c.encoderAttnLevels().contains(i)) {
                        attention(out, p + "encoder.down." + i + ".attn." + j, in);
                    }
                }
                if (i != levels - 1) {
                    conv(out, p + "encoder.down." + i + ".downsample.conv", in, in, 3);
                }
            }
            resnet(out, p + "encoder.mid.block_1", in, in);
            attention(out, p + "encoder.mid.attn_1", in);
            resnet(out, p + "encoder.mid.block_2", in, in);
            norm(out, p + "encoder.norm_out", in);
            conv(out, p + "encoder.conv_out", c.doubleZ() ? 2 * c.zChannels() : c.zChannels(), in, 3);
        }
        if (c.hasDecoder()) {
            int in = c.channels(levels - 1);
            conv(out, p + "decoder.conv_in", in, c.zChannels(), 3);
            resnet(out, p + "decoder.mid.block_1", in, in);
            attention(out, p + "decoder.mid.attn_1", in);
            resnet(out, p + "decoder.mid.block_2", in, in);
            for (int i = levels - 1; i >= 0; i--) {
                int o = c.channels(i);
                for (int j = 0; j <= c.numResBlocks(); j++) {
                    resnet(out, p + "decoder.up." + i + ".block." + j, in, o);
                    in = o;
                    if (c.decoderAttnLevels().contains(i)) {
                        attention(out, p + "decoder.up." + i + ".attn." + j, in);
                    }
                }
                if (i != 0) {
                    conv(out, p + "decoder.up." + i + ".upsample.conv", in, in, 3);
                }
            }
            norm(out, p + "decoder.norm_out", in);
            conv(out, p + "decoder.conv_out", c.imageChannels(), in, 3);
        }
        if (c.hasQuantConvs()) {
            int moments = c.doubleZ() ? 2 : 1;
            conv(out, p + "quant_conv", moments * c.embedDim(), moments * c.zChannels(), 1);
            conv(out, p + "post_quant_conv", c.zChannels(), c.embedDim(), 1);
        }
        return out;
    }

    /** Builds the weights with a fixed seed; the map owns the arrays (under a sub-manager of {@code parent}). */
    public static WeightMap create(VaeConfig c, long seed, NDManager parent) {
        JniUtils.setSeed(seed);
        WeightMap map = WeightMap.create(parent);
        NDManager m = map.manager();
        for (Map.Entry<String, long[]> e : shapes(c).entrySet()) {
            String key = e.getKey();
            Shape shape = new Shape(e.getValue());
            if (key.endsWith(".weight") && shape.dimension() == 4) {
                double fanIn = (double) shape.get(1) * shape.get(2) * shape.get(3);
                map.put(key, m.randomNormal(0f, (float) (1.0 / Math.sqrt(fanIn)), shape, DataType.FLOAT32));
            } else if (key.endsWith(".weight")) {
                map.put(key, m.randomUniform(0.8f, 1.2f, shape, DataType.FLOAT32)); // norm scales
            } else {
                map.put(key, m.randomUniform(-0.05f, 0.05f, shape, DataType.FLOAT32));
            }
        }
        return map;
    }

    private static void conv(Map<String, long[]> out, String prefix, long o, long i, long k) {
        out.put(prefix + ".weight", new long[] {o, i, k, k});
        out.put(prefix + ".bias", new long[] {o});
    }

    private static void norm(Map<String, long[]> out, String prefix, long c) {
        out.put(prefix + ".weight", new long[] {c});
        out.put(prefix + ".bias", new long[] {c});
    }

    private static void resnet(Map<String, long[]> out, String prefix, int in, int o) {
        norm(out, prefix + ".norm1", in);
        conv(out, prefix + ".conv1", o, in, 3);
        norm(out, prefix + ".norm2", o);
        conv(out, prefix + ".conv2", o, o, 3);
        if (in != o) {
            conv(out, prefix + ".nin_shortcut", o, in, 1);
        }
    }

    private static void attention(Map<String, long[]> out, String prefix, int c) {
        norm(out, prefix + ".norm", c);
        for (String n : new String[] {"q", "k", "v", "proj_out"}) {
            conv(out, prefix + "." + n, c, c, 1);
        }
    }
}
