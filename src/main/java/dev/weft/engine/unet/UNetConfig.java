package dev.weft.engine.unet;

import dev.weft.engine.tensor.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The architecture of an SD-style UNet (ComfyUI's {@code openaimodel.UNetModel} constructor
 * arguments), derived from weight shapes the way {@code model_detection.detect_unet_config}
 * does, so the tiny golden models and full-size checkpoints load through the same code.
 *
 * <p>Lists follow ComfyUI's order and meaning: {@code transformerDepth} has one entry per input
 * ResBlock (level by level), {@code transformerDepthOutput} one per output block <em>in reverse
 * order of the output blocks</em> (ComfyUI pops it from the end; see
 * {@link #outputTransformerDepth(int)}). {@code transformerDepthMiddle} is the middle transformer's
 * depth, or -1 for a middle block that is a single ResBlock. A ControlNet's config has no output
 * blocks: {@code transformerDepthOutput} is empty.
 *
 * @param inChannels             latent channels in (4, or 9 for inpainting models)
 * @param outChannels            channels out (4 when the weights have no {@code out.2})
 * @param modelChannels          width of level 0 (320 for SD 1.5 and SDXL)
 * @param channelMult            width multiplier per level
 * @param numResBlocks           ResBlocks per level on the way down (one more on the way up)
 * @param transformerDepth       transformer blocks after each input ResBlock (0 = none)
 * @param transformerDepthOutput transformer blocks per output block, ComfyUI order (reversed)
 * @param transformerDepthMiddle middle transformer depth, -1 when the middle has no transformer
 * @param contextDim             cross-attention context width, 0 when no transformer exists
 * @param useLinearInTransformer linear (not 1x1 conv) proj_in / proj_out
 * @param admInChannels          width of the ADM vector {@code y} (SDXL 2816), 0 for none
 * @param convResample           learned (conv) down-sampling; always true for detected models
 * @param heads                  the head rule, which weight shapes cannot reveal
 */
public record UNetConfig(int inChannels, int outChannels, int modelChannels, List<Integer> channelMult,
                         List<Integer> numResBlocks, List<Integer> transformerDepth,
                         List<Integer> transformerDepthOutput, int transformerDepthMiddle, int contextDim,
                         boolean useLinearInTransformer, int admInChannels, boolean convResample,
                         AttentionHeads heads) {
    public UNetConfig {
        channelMult = List.copyOf(channelMult);
        numResBlocks = List.copyOf(numResBlocks);
        transformerDepth = List.copyOf(transformerDepth);
        transformerDepthOutput = List.copyOf(transformerDepthOutput);
        if (channelMult.isEmpty() || channelMult.size() != numResBlocks.size()) {
            throw new IllegalArgumentException("channelMult " + channelMult + " and numResBlocks " + numResBlocks
                    + " must be non-empty and of equal length");
        }
        int resBlocks = numResBlocks.stream().mapToInt(Integer::intValue).sum();
        if (transformerDepth.size() != resBlocks) {
            throw new IllegalArgumentException("transformerDepth needs one entry per input ResBlock (" + resBlocks
                    + "), got " + transformerDepth);
        }
        int outputBlocks = resBlocks + numResBlocks.size();
        if (!transformerDepthOutput.isEmpty() && transformerDepthOutput.size() != outputBlocks) {
            throw new IllegalArgumentException("transformerDepthOutput needs one entry per output block ("
                    + outputBlocks + ") or none, got " + transformerDepthOutput);
        }
        if (heads == null) {
            throw new IllegalArgumentException("heads is required");
        }
    }

    /**
     * The SD 1.x UNet (ComfyUI's {@code SD15} with {@code v1-inference.yaml}): 320 channels,
     * multipliers 1,2,4,4, two ResBlocks per level, attention at the three finest levels and the
     * middle, context 768, 8 heads.
     */
    public static UNetConfig sd15() {
        return new UNetConfig(4, 4, 320, List.of(1, 2, 4, 4), List.of(2, 2, 2, 2), List.of(1, 1, 1, 1, 1, 1, 0, 0),
                List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0), 1, 768, false, 0, true, AttentionHeads.SD1);
    }

    /** Width of the timestep embedding: {@code 4 * modelChannels}. */
    public int timeEmbedDim() {
        return 4 * modelChannels;
    }

    /** Whether output blocks exist (a full UNet rather than a ControlNet encoder). */
    public boolean hasDecoder() {
        return !transformerDepthOutput.isEmpty();
    }

    /** Transformer depth of output block {@code j} (0-based, in execution order). */
    public int outputTransformerDepth(int j) {
        return transformerDepthOutput.get(transformerDepthOutput.size() - 1 - j);
    }

    /** The same architecture with another head rule. */
    public UNetConfig withHeads(AttentionHeads h) {
        return new UNetConfig(inChannels, outChannels, modelChannels, channelMult, numResBlocks, transformerDepth,
                transformerDepthOutput, transformerDepthMiddle, contextDim, useLinearInTransformer, admInChannels,
                convResample, h);
    }

    /**
     * Detects the architecture from {@code weights} (keys relative to the UNet, e.g. a view
     * {@code prefixed("model.diffusion_model.")}), using ComfyUI's family default for the heads.
     *
     * @throws IllegalArgumentException naming the missing key when the weights are not an SD UNet
     */
    public static UNetConfig detect(Weights weights) {
        return detect(shapesOf(weights));
    }

    /** {@link #detect(Weights)} with an explicit head rule. */
    public static UNetConfig detect(Weights weights, AttentionHeads heads) {
        return detect(shapesOf(weights), heads);
    }

    /**
     * Detects the architecture from key → shape pairs alone (e.g. a safetensors header, before
     * any tensor is loaded), with ComfyUI's family default for the heads.
     */
    public static UNetConfig detect(Map<String, long[]> shapes) {
        UNetConfig c = detect(shapes, AttentionHeads.SD1);
        return c.withHeads(AttentionHeads.familyDefault(c.useLinearInTransformer(), c.admInChannels()));
    }

    /** {@link #detect(Map)} with an explicit head rule. */
    public static UNetConfig detect(Map<String, long[]> shapes, AttentionHeads heads) {
        Set<String> keys = shapes.keySet();
        if (!keys.contains("input_blocks.0.0.weight")) {
            throw new IllegalArgumentException("not an SD UNet: no 'input_blocks.0.0.weight' among "
                    + keys.size() + " keys (wrong prefix?)");
        }
        long[] convIn = shape(shapes, "input_blocks.0.0.weight");
        int modelChannels = (int) convIn[0];
        int inChannels = (int) convIn[1];
        int outChannels = keys.contains("out.2.weight") ? (int) shape(shapes, "out.2.weight")[0] : 4;
        int adm = keys.contains("label_emb.0.0.weight") ? (int) shape(shapes, "label_emb.0.0.weight")[1] : 0;

        List<Integer> numRes = new ArrayList<>();
        List<Integer> mult = new ArrayList<>();
        List<Integer> depth = new ArrayList<>();
        List<Integer> depthOut = new ArrayList<>();
        TransformerInfo first = null;
        int lastRes = 0;
        int lastMult = 0;
        int inputBlocks = countBlocks(keys, "input_blocks.");
        for (int n = 0; n < inputBlocks; n++) {
            String in = "input_blocks." + n + ".";
            String out = "output_blocks." + (inputBlocks - n - 1) + ".";
            if (keys.contains(in + "0.op.weight")) {
                numRes.add(lastRes);
                mult.add(lastMult);
                lastRes = 0;
                lastMult = 0;
                depthOut.add(depthOf(shapes, out));
                continue;
            }
            if (keys.contains(in + "0.in_layers.0.weight")) {
                lastRes++;
                lastMult = (int) (shape(shapes, in + "0.out_layers.3.weight")[0] / modelChannels);
                TransformerInfo t = transformerInfo(shapes, in);
                depth.add(t == null ? 0 : t.depth);
                if (first == null && t != null) {
                    first = t;
                }
            }
            if (keys.contains(out + "0.in_layers.0.weight")) {
                depthOut.add(depthOf(shapes, out));
            }
        }
        numRes.add(lastRes);
        mult.add(lastMult);
        if (keys.stream().noneMatch(k -> k.startsWith("output_blocks."))) {
            depthOut.clear();
        }
        int middle;
        if (keys.contains("middle_block.1.proj_in.weight")) {
            middle = countBlocks(keys, "middle_block.1.transformer_blocks.");
        } else if (keys.contains("middle_block.0.in_layers.0.weight")) {
            middle = -1;
        } else {
            throw new IllegalArgumentException("UNets without a middle block are not supported (no 'middle_block.0.*')");
        }
        int contextDim = first == null ? 0 : first.contextDim;
        boolean linear = first != null && first.linear;
        return new UNetConfig(inChannels, outChannels, modelChannels, mult, numRes, depth, depthOut, middle,
                contextDim, linear, adm, true, heads);
    }

    /** Key → shape of every tensor of {@code weights}. */
    static Map<String, long[]> shapesOf(Weights weights) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String k : weights.keys()) {
            shapes.put(k, weights.get(k).getShape().getShape());
        }
        return shapes;
    }

    private record TransformerInfo(int depth, int contextDim, boolean linear) {
    }

    private static int depthOf(Map<String, long[]> shapes, String blockPrefix) {
        TransformerInfo t = transformerInfo(shapes, blockPrefix);
        return t == null ? 0 : t.depth;
    }

    /** The transformer at position 1 of a block, if any. */
    private static TransformerInfo transformerInfo(Map<String, long[]> shapes, String blockPrefix) {
        String t = blockPrefix + "1.transformer_blocks.";
        int depth = countBlocks(shapes.keySet(), t);
        if (depth == 0) {
            return null;
        }
        int context = (int) shape(shapes, t + "0.attn2.to_k.weight")[1];
        boolean linear = shape(shapes, blockPrefix + "1.proj_in.weight").length == 2;
        return new TransformerInfo(depth, context, linear);
    }

    /** How many consecutive indices {@code prefix + i + "."} start some key, from 0. */
    static int countBlocks(Set<String> keys, String prefix) {
        int n = 0;
        while (true) {
            String p = prefix + n + ".";
            boolean found = false;
            for (String k : keys) {
                if (k.startsWith(p)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return n;
            }
            n++;
        }
    }

    static long[] shape(Map<String, long[]> shapes, String key) {
        long[] s = shapes.get(key);
        if (s == null) {
            throw new IllegalArgumentException("missing weight '" + key + "' (the file does not match an SD UNet layout)");
        }
        return s;
    }
}
