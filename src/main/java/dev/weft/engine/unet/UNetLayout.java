package dev.weft.engine.unet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The block plan a {@link UNetConfig} implies, in execution order, with the channel counts and
 * checkpoint key prefixes of every block (ComfyUI's {@code UNetModel.__init__} loop).
 *
 * @param input  input blocks; index 0 is the input convolution
 * @param middle the middle block
 * @param output output blocks (empty for a ControlNet encoder)
 */
record UNetLayout(List<InputBlock> input, MiddleBlock middle, List<OutputBlock> output) {

    /** What an input block does. */
    enum InputKind { CONV_IN, RES, DOWNSAMPLE }

    /**
     * One input block, keys under {@code input_blocks.<index>.}.
     *
     * @param depth transformer blocks after the ResBlock (0 = no transformer; RES only)
     */
    record InputBlock(int index, InputKind kind, int inChannels, int outChannels, int depth) {
        String prefix() {
            return "input_blocks." + index + ".";
        }
    }

    /** The middle block at {@code channels}; {@code depth} -1 means a lone ResBlock. */
    record MiddleBlock(int channels, int depth) {
    }

    /**
     * One output block, keys under {@code output_blocks.<index>.}: a ResBlock on the concatenation
     * of the running features and a skip tensor, an optional transformer, an optional upsampler.
     *
     * @param inChannels   running feature channels before the concatenation
     * @param skipChannels channels of the skip tensor it consumes
     * @param upsampleAt   position of the Upsample layer inside the block, -1 if none
     */
    record OutputBlock(int index, int inChannels, int skipChannels, int outChannels, int depth, int upsampleAt) {
        String prefix() {
            return "output_blocks." + index + ".";
        }
    }

    static UNetLayout of(UNetConfig c) {
        List<InputBlock> in = new ArrayList<>();
        Deque<Integer> skipChannels = new ArrayDeque<>();
        int mc = c.modelChannels();
        in.add(new InputBlock(0, InputKind.CONV_IN, c.inChannels(), mc, 0));
        skipChannels.push(mc);
        int ch = mc;
        int res = 0;
        int levels = c.channelMult().size();
        for (int level = 0; level < levels; level++) {
            int out = c.channelMult().get(level) * mc;
            for (int r = 0; r < c.numResBlocks().get(level); r++) {
                in.add(new InputBlock(in.size(), InputKind.RES, ch, out, c.transformerDepth().get(res++)));
                ch = out;
                skipChannels.push(ch);
            }
            if (level != levels - 1) {
                in.add(new InputBlock(in.size(), InputKind.DOWNSAMPLE, ch, ch, 0));
                skipChannels.push(ch);
            }
        }
        MiddleBlock middle = new MiddleBlock(ch, c.transformerDepthMiddle());
        List<OutputBlock> out = new ArrayList<>();
        if (c.hasDecoder()) {
            for (int level = levels - 1; level >= 0; level--) {
                int width = c.channelMult().get(level) * mc;
                for (int i = 0; i <= c.numResBlocks().get(level); i++) {
                    int j = out.size();
                    int depth = c.outputTransformerDepth(j);
                    int up = level > 0 && i == c.numResBlocks().get(level) ? (depth > 0 ? 2 : 1) : -1;
                    out.add(new OutputBlock(j, ch, skipChannels.pop(), width, depth, up));
                    ch = width;
                }
            }
        }
        return new UNetLayout(List.copyOf(in), middle, List.copyOf(out));
    }
}
