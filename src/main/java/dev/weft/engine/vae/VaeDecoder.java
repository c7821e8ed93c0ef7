package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.tensor.Weights;

/**
 * ComfyUI's {@code Decoder} (model.py) plus {@code post_quant_conv}: latent [B, embed, h, w] to the
 * decoder's raw output [B, out_ch, h·f, w·f] in roughly -1..1 (f = {@link VaeConfig#spatialFactor}).
 * Weights are keyed as in the checkpoint without {@code first_stage_model.}. Engine thread only.
 */
final class VaeDecoder {
    private VaeDecoder() {
    }

    static NDArray forward(NDArray z, Weights w, VaeConfig cfg, VaeOps ops) {
        NDArray h = cfg.hasQuantConvs() ? ops.conv(z, w, "post_quant_conv", 1, 0) : z;
        h = replace(h, z, ops.conv(h, w, "decoder.conv_in", 1, 1));
        h = replace(h, z, ops.resnetBlock(h, w, "decoder.mid.block_1"));
        h = replace(h, z, ops.attention(h, w, "decoder.mid.attn_1"));
        h = replace(h, z, ops.resnetBlock(h, w, "decoder.mid.block_2"));
        for (int level = cfg.levels() - 1; level >= 0; level--) {
            String p = "decoder.up." + level;
            for (int j = 0; j <= cfg.numResBlocks(); j++) {
                h = replace(h, z, ops.resnetBlock(h, w, p + ".block." + j));
                if (cfg.decoderAttnLevels().contains(level)) {
                    h = replace(h, z, ops.attention(h, w, p + ".attn." + j));
                }
            }
            if (level != 0) {
                h = replace(h, z, ops.upsample(h, w, p + ".upsample.conv"));
            }
        }
        h = replace(h, z, ops.groupNorm(h, w, "decoder.norm_out", true));
        return replace(h, z, ops.conv(h, w, "decoder.conv_out", 1, 1));
    }

    /** Closes the previous activation unless it is the caller's input. */
    static NDArray replace(NDArray old, NDArray input, NDArray next) {
        if (old != input) {
            old.close();
        }
        return next;
    }
}
