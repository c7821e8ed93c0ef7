package dev.weft.engine.vae;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every parameter of an AutoencoderKL with a given architecture, under the checkpoint's key names
 * ({@code first_stage_model.encoder.conv_in.weight}, ...), in module order: what
 * {@link VaeConfig#fromWeights} reads back, and the shapes benchmarks and tests fill with
 * {@link dev.weft.engine.tensor.RandomWeights} for sizes the golden data does not have.
 */
public final class VaeParameterShapes {
    private VaeParameterShapes() {
    }

    /** Every parameter name (with {@code first_stage_model.}) and its shape, in module order. */
    public static Map<String, long[]> of(VaeConfig c) {
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
