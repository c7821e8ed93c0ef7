package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.tensor.Weights;

/**
 * ComfyUI's {@code Decoder} (model.py) plus {@code post_quant_conv}: latent [B, embed, h, w] to the
 * decoder's raw output [B, out_ch, h·f, w·f] in roughly -1..1 (f = {@link VaeConfig#spatialFactor}).
 * Weights are keyed as in the checkpoint without {@code first_stage_model.}. Each activation is
 * handed on to the next block, which consumes it, so only one level's activations are alive at a
 * time. Engine thread only.
 */
final class VaeDecoder {
    private VaeDecoder() {
    }

    /** The decoder output for {@code z}, which is left alone. */
    static NDArray forward(NDArray z, Weights w, VaeConfig cfg, VaeOps ops) {
        NDArray h;
        if (cfg.hasQuantConvs()) {
            try (NDArray q = ops.conv(z, w, "post_quant_conv", 1, 0)) {
                h = ops.conv(q, w, "decoder.conv_in", 1, 1);
            }
        } else {
            h = ops.conv(z, w, "decoder.conv_in", 1, 1);
        }
        h = ops.resnetBlock(h, w, "decoder.mid.block_1");
        h = ops.attention(h, w, "decoder.mid.attn_1");
        h = ops.resnetBlock(h, w, "decoder.mid.block_2");
        for (int level = cfg.levels() - 1; level >= 0; level--) {
            String p = "decoder.up." + level;
            for (int j = 0; j <= cfg.numResBlocks(); j++) {
                h = ops.resnetBlock(h, w, p + ".block." + j);
                if (cfg.decoderAttnLevels().contains(level)) {
                    h = ops.attention(h, w, p + ".attn." + j);
                }
            }
            if (level != 0) {
                h = ops.upsample(h, w, p + ".upsample.conv");
            }
        }
        try (NDArray last = h) {
            return ops.normSiluConv(last, w, "decoder.norm_out", "decoder.conv_out", null);
        }
    }
}
