package dev.weft.engine.models;

import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny ControlNet files for the loader tests: ldm with and without prefix, diffusers, and odd ones. */
final class ControlNetFiles {
    /** Context width of the tiny ControlNet (the tiny golden UNet's). */
    static final int CONTEXT = 32;

    /**
     * ldm → diffusers names of the tiny layout (two levels of one ResBlock with attention, a
     * down-sampler between them), written out by hand from the diffusers ControlNetModel's module
     * names; longest prefixes first.
     */
    private static final String[][] DIFFUSERS = {
        {"input_blocks.0.0.", "conv_in."},
        {"input_blocks.1.0.", "down_blocks.0.resnets.0."},
        {"input_blocks.1.1.", "down_blocks.0.attentions.0."},
        {"input_blocks.2.0.op.", "down_blocks.0.downsamplers.0.conv."},
        {"input_blocks.3.0.", "down_blocks.1.resnets.0."},
        {"input_blocks.3.1.", "down_blocks.1.attentions.0."},
        {"middle_block_out.0.", "controlnet_mid_block."},
        {"middle_block.0.", "mid_block.resnets.0."},
        {"middle_block.1.", "mid_block.attentions.0."},
        {"middle_block.2.", "mid_block.resnets.1."},
        {"time_embed.0.", "time_embedding.linear_1."},
        {"time_embed.2.", "time_embedding.linear_2."},
        {"zero_convs.0.0.", "controlnet_down_blocks.0."},
        {"zero_convs.1.0.", "controlnet_down_blocks.1."},
        {"zero_convs.2.0.", "controlnet_down_blocks.2."},
        {"zero_convs.3.0.", "controlnet_down_blocks.3."},
        {"input_hint_block.0.", "controlnet_cond_embedding.conv_in."},
        {"input_hint_block.2.", "controlnet_cond_embedding.blocks.0."},
        {"input_hint_block.4.", "controlnet_cond_embedding.blocks.1."},
        {"input_hint_block.6.", "controlnet_cond_embedding.blocks.2."},
        {"input_hint_block.8.", "controlnet_cond_embedding.blocks.3."},
        {"input_hint_block.10.", "controlnet_cond_embedding.blocks.4."},
        {"input_hint_block.12.", "controlnet_cond_embedding.blocks.5."},
        {"input_hint_block.14.", "controlnet_cond_embedding.conv_out."},
    };
    private static final String[][] RESNET = {
        {"in_layers.0.", "norm1."}, {"in_layers.2.", "conv1."}, {"emb_layers.1.", "time_emb_proj."},
        {"out_layers.0.", "norm2."}, {"out_layers.3.", "conv2."}, {"skip_connection.", "conv_shortcut."},
    };

    private ControlNetFiles() {
    }

    /** The tiny ControlNet's ldm keys and shapes, each key preceded by {@code prefix}. */
    static Map<String, long[]> tinyShapes(String prefix) {
        return SyntheticCheckpoint.controlNetShapes(SyntheticCheckpoint.tinyControlNet(CONTEXT), prefix);
    }

    /** Writes the tiny ControlNet with random values in F32 under ldm names preceded by {@code prefix}. */
    static Path writeLdm(Path file, String prefix) throws IOException {
        SyntheticCheckpoint.write(file, tinyShapes(prefix), DType.F32, 5);
        return file;
    }

    /** Copies an unprefixed ldm file's tensors to {@code file} under diffusers names. */
    static Path writeDiffusers(Path ldm, Path file) throws IOException {
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        try (SafetensorsFile f = SafetensorsFile.open(ldm)) {
            for (String k : f.names()) {
                entries.add(SafetensorsWriter.Entry.ofFloats(diffusersName(k), DType.F32, f.info(k).shape(),
                        f.readFloats(k)));
            }
        }
        SafetensorsWriter.write(file, entries, Map.of());
        return file;
    }

    static String diffusersName(String ldm) {
        for (String[] rule : DIFFUSERS) {
            if (ldm.startsWith(rule[0])) {
                String rest = ldm.substring(rule[0].length());
                if (rule[1].contains("resnets.")) {
                    for (String[] part : RESNET) {
                        if (rest.startsWith(part[0])) {
                            rest = part[1] + rest.substring(part[0].length());
                        }
                    }
                }
                return rule[1] + rest;
            }
        }
        throw new IllegalArgumentException("no diffusers name for " + ldm);
    }

    /** A file of zero tensors with these keys and shapes. */
    static Path writeKeys(Path file, Map<String, long[]> shapes) throws IOException {
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        shapes.forEach((k, s) -> entries.add(SafetensorsWriter.Entry.zeros(k, DType.F32, s)));
        SafetensorsWriter.write(file, entries, Map.of());
        return file;
    }

    /** Shapes of one-element tensors for {@code keys}, in order. */
    static Map<String, long[]> scalars(String... keys) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, new long[] {1});
        }
        return out;
    }
}
