package dev.weft.engine.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renames a diffusers-layout SD ControlNet to the ldm layout {@link dev.weft.engine.unet.ControlNet}
 * reads, as ComfyUI's loader does with its {@code unet_to_diffusers} map plus the ControlNet's own
 * parts. The map is derived from the structure the keys show (levels, ResBlocks per level, which
 * ResBlocks carry attention, where the down-samplers are), so any SD-style encoder converts:
 * <ul>
 *   <li>{@code down_blocks.L.resnets.I} and {@code down_blocks.L.attentions.I} become
 *       {@code input_blocks.N.0} and {@code input_blocks.N.1}, numbering input blocks from 1 in
 *       order; {@code down_blocks.L.downsamplers.0.conv} becomes {@code input_blocks.N.0.op};</li>
 *   <li>ResBlock parts {@code norm1, conv1, time_emb_proj, norm2, conv2, conv_shortcut} become
 *       {@code in_layers.0, in_layers.2, emb_layers.1, out_layers.0, out_layers.3, skip_connection};
 *       transformer parts keep their names;</li>
 *   <li>{@code mid_block.resnets.0}, {@code mid_block.attentions.0}, {@code mid_block.resnets.1}
 *       become {@code middle_block.0}, {@code .1}, {@code .2};</li>
 *   <li>{@code conv_in} → {@code input_blocks.0.0}; {@code time_embedding.linear_1/2} →
 *       {@code time_embed.0/2};</li>
 *   <li>{@code controlnet_down_blocks.J} → {@code zero_convs.J.0}; {@code controlnet_mid_block} →
 *       {@code middle_block_out.0}; {@code controlnet_cond_embedding.conv_in}, {@code .blocks.K} and
 *       {@code .conv_out} → {@code input_hint_block.0}, {@code .(2K+2)} and the index after the
 *       last block.</li>
 * </ul>
 */
final class DiffusersControlNetNames {
    private static final Map<String, String> RESNET_PARTS = Map.of(
            "norm1", "in_layers.0",
            "conv1", "in_layers.2",
            "time_emb_proj", "emb_layers.1",
            "norm2", "out_layers.0",
            "conv2", "out_layers.3",
            "conv_shortcut", "skip_connection");

    /** What follows a rule's prefix and how it is renamed. */
    private enum Part {
        /** A ResBlock: the first path element is renamed by {@link #RESNET_PARTS}. */
        RESNET,
        /** A spatial transformer: the rest of the path is kept. */
        TRANSFORMER,
        /** A single conv or linear layer: only {@code weight} and {@code bias} follow. */
        LAYER
    }

    private record Rule(String from, String to, Part part) {
    }

    private DiffusersControlNetNames() {
    }

    /**
     * The ldm name of every key the conversion knows, in the order of {@code keys}. Keys it does
     * not know are absent from the result; the caller reports them.
     */
    static Map<String, String> toLdm(Set<String> keys) {
        List<Rule> rules = rules(keys);
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            String ldm = rename(key, rules);
            if (ldm != null) {
                out.put(key, ldm);
            }
        }
        return out;
    }

    private static List<Rule> rules(Set<String> keys) {
        List<Rule> rules = new ArrayList<>();
        int block = 1;
        int levels = count(keys, "down_blocks.");
        for (int level = 0; level < levels; level++) {
            String down = "down_blocks." + level + ".";
            int resnets = count(keys, down + "resnets.");
            for (int i = 0; i < resnets; i++) {
                rules.add(new Rule(down + "resnets." + i + ".", "input_blocks." + block + ".0.", Part.RESNET));
                rules.add(new Rule(down + "attentions." + i + ".", "input_blocks." + block + ".1.", Part.TRANSFORMER));
                block++;
            }
            if (keys.contains(down + "downsamplers.0.conv.weight")) {
                rules.add(new Rule(down + "downsamplers.0.conv.", "input_blocks." + block + ".0.op.", Part.LAYER));
                block++;
            }
        }
        rules.add(new Rule("mid_block.resnets.0.", "middle_block.0.", Part.RESNET));
        rules.add(new Rule("mid_block.attentions.0.", "middle_block.1.", Part.TRANSFORMER));
        rules.add(new Rule("mid_block.resnets.1.", "middle_block.2.", Part.RESNET));
        rules.add(new Rule("conv_in.", "input_blocks.0.0.", Part.LAYER));
        rules.add(new Rule("time_embedding.linear_1.", "time_embed.0.", Part.LAYER));
        rules.add(new Rule("time_embedding.linear_2.", "time_embed.2.", Part.LAYER));
        int zeroConvs = count(keys, "controlnet_down_blocks.");
        for (int j = 0; j < zeroConvs; j++) {
            rules.add(new Rule("controlnet_down_blocks." + j + ".", "zero_convs." + j + ".0.", Part.LAYER));
        }
        rules.add(new Rule("controlnet_mid_block.", "middle_block_out.0.", Part.LAYER));
        String hint = "controlnet_cond_embedding.";
        rules.add(new Rule(hint + "conv_in.", "input_hint_block.0.", Part.LAYER));
        int hintBlocks = count(keys, hint + "blocks.");
        for (int k = 0; k < hintBlocks; k++) {
            rules.add(new Rule(hint + "blocks." + k + ".", "input_hint_block." + (2 * k + 2) + ".", Part.LAYER));
        }
        rules.add(new Rule(hint + "conv_out.", "input_hint_block." + (2 * hintBlocks + 2) + ".", Part.LAYER));
        return rules;
    }

    /** The ldm name of {@code key}, or {@code null} when no rule covers it. */
    private static String rename(String key, List<Rule> rules) {
        for (Rule r : rules) {
            if (!key.startsWith(r.from())) {
                continue;
            }
            String rest = key.substring(r.from().length());
            switch (r.part()) {
                case TRANSFORMER:
                    return r.to() + rest;
                case LAYER:
                    return rest.equals("weight") || rest.equals("bias") ? r.to() + rest : null;
                case RESNET:
                    int dot = rest.indexOf('.');
                    String part = dot < 0 ? null : RESNET_PARTS.get(rest.substring(0, dot));
                    return part == null ? null : r.to() + part + rest.substring(dot);
                default:
                    throw new IllegalStateException(r.part().toString());
            }
        }
        return null;
    }

    /** How many consecutive indices {@code prefix + i + "."} start some key, from 0. */
    private static int count(Set<String> keys, String prefix) {
        int n = 0;
        while (true) {
            String p = prefix + n + ".";
            if (keys.stream().noneMatch(k -> k.startsWith(p))) {
                return n;
            }
            n++;
        }
    }
}
