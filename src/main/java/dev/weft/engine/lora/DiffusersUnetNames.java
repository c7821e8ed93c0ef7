package dev.weft.engine.lora;

import dev.weft.engine.unet.UNetConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diffusers name of every UNet parameter, derived from the architecture the way ComfyUI's
 * {@code comfy.utils.unet_to_diffusers} derives it (block and layer indices follow
 * {@code channel_mult}, {@code num_res_blocks} and the transformer depths), so the tiny golden
 * UNet and a full-size SD 1.5 map through the same code.
 *
 * <p>Names go both ways between {@code down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.weight}
 * (diffusers) and {@code input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight} (the original
 * layout Weft's {@link dev.weft.engine.unet.UNet} reads, keys relative to the UNet). Like
 * ComfyUI's map, it also names blocks the architecture lacks (the down-sampler of the last level,
 * the up-sampler of level 0): callers keep only names whose target exists.
 */
public final class DiffusersUnetNames {
    /** ResBlock parameters: original name → diffusers name. */
    private static final Map<String, String> RESNET = ordered(
            "in_layers.0", "norm1",
            "in_layers.2", "conv1",
            "emb_layers.1", "time_emb_proj",
            "out_layers.0", "norm2",
            "out_layers.3", "conv2",
            "skip_connection", "conv_shortcut");

    /** Layers of a spatial transformer around its blocks; same names in both layouts. */
    private static final List<String> ATTENTION = List.of("norm", "proj_in", "proj_out");

    /** Layers of one transformer block; same names in both layouts. */
    private static final List<String> TRANSFORMER_BLOCK = List.of("norm1", "norm2", "norm3",
            "attn1.to_q", "attn1.to_k", "attn1.to_v", "attn1.to_out.0",
            "attn2.to_q", "attn2.to_k", "attn2.to_v", "attn2.to_out.0",
            "ff.net.0.proj", "ff.net.2");

    /**
     * Layers outside the blocks: diffusers name → original name (SDXL's label embedding has two
     * diffusers names).
     */
    private static final Map<String, String> BASIC = ordered(
            "conv_in", "input_blocks.0.0",
            "time_embedding.linear_1", "time_embed.0",
            "time_embedding.linear_2", "time_embed.2",
            "class_embedding.linear_1", "label_emb.0.0",
            "class_embedding.linear_2", "label_emb.0.2",
            "add_embedding.linear_1", "label_emb.0.0",
            "add_embedding.linear_2", "label_emb.0.2",
            "conv_norm_out", "out.0",
            "conv_out", "out.2");

    private DiffusersUnetNames() {
    }

    /**
     * Diffusers parameter name → original-layout name, for {@code .weight} and {@code .bias} of
     * every layer of a UNet with {@code config} (which must have output blocks), in ComfyUI's order.
     */
    public static Map<String, String> of(UNetConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        List<Integer> numRes = config.numResBlocks();
        int levels = config.channelMult().size();
        Iterator<Integer> depths = config.transformerDepth().iterator();
        for (int x = 0; x < levels; x++) {
            int n = 1 + (numRes.get(x) + 1) * x;
            for (int i = 0; i < numRes.get(x); i++) {
                resnet(out, "down_blocks." + x + ".resnets." + i + ".", "input_blocks." + n + ".0.");
                attention(out, "down_blocks." + x + ".attentions." + i + ".", "input_blocks." + n + ".1.", depths.next());
                n++;
            }
            layer(out, "down_blocks." + x + ".downsamplers.0.conv", "input_blocks." + n + ".0.op");
        }

        // ComfyUI names the middle transformer's outer layers whatever its depth.
        attentionLayers(out, "mid_block.attentions.0.", "middle_block.1.");
        transformerBlocks(out, "mid_block.attentions.0.", "middle_block.1.", config.transformerDepthMiddle());
        resnet(out, "mid_block.resnets.0.", "middle_block.0.");
        resnet(out, "mid_block.resnets.1.", "middle_block.2.");

        List<Integer> reversed = new ArrayList<>(numRes);
        Collections.reverse(reversed);
        int outputBlock = 0;
        for (int x = 0; x < levels; x++) {
            int n = (reversed.get(x) + 1) * x;
            int count = reversed.get(x) + 1;
            for (int i = 0; i < count; i++) {
                resnet(out, "up_blocks." + x + ".resnets." + i + ".", "output_blocks." + n + ".0.");
                int depth = config.outputTransformerDepth(outputBlock++);
                attention(out, "up_blocks." + x + ".attentions." + i + ".", "output_blocks." + n + ".1.", depth);
                if (i == count - 1) {
                    int position = depth > 0 ? 2 : 1;
                    layer(out, "up_blocks." + x + ".upsamplers.0.conv", "output_blocks." + n + "." + position + ".conv");
                }
                n++;
            }
        }

        BASIC.forEach((diffusers, original) -> layer(out, diffusers, original));
        return out;
    }

    private static void resnet(Map<String, String> out, String diffusers, String original) {
        RESNET.forEach((o, d) -> layer(out, diffusers + d, original + o));
    }

    /** A spatial transformer with {@code depth} blocks; nothing when depth is 0. */
    private static void attention(Map<String, String> out, String diffusers, String original, int depth) {
        if (depth > 0) {
            attentionLayers(out, diffusers, original);
            transformerBlocks(out, diffusers, original, depth);
        }
    }

    private static void attentionLayers(Map<String, String> out, String diffusers, String original) {
        for (String a : ATTENTION) {
            layer(out, diffusers + a, original + a);
        }
    }

    private static void transformerBlocks(Map<String, String> out, String diffusers, String original, int depth) {
        for (int t = 0; t < depth; t++) {
            for (String b : TRANSFORMER_BLOCK) {
                layer(out, diffusers + "transformer_blocks." + t + "." + b, original + "transformer_blocks." + t + "." + b);
            }
        }
    }

    private static void layer(Map<String, String> out, String diffusers, String original) {
        out.put(diffusers + ".weight", original + ".weight");
        out.put(diffusers + ".bias", original + ".bias");
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
