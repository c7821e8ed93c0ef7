package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.tensor.Weights;

/**
 * ComfyUI's {@code Encoder} (model.py) plus {@code quant_conv} and the posterior mode: pixels in
 * -1..1 [B, C, H, W] (H, W multiples of the spatial factor) to the mean of the diagonal Gaussian,
 * [B, embed, H/f, W/f]. Weights are keyed without {@code first_stage_model.}. Each activation is
 * handed on to the next block, which consumes it. Engine thread only.
 */
final class VaeEncoder {
    private VaeEncoder() {
    }

    /** The posterior mode for {@code x}, which is left alone. */
    static NDArray forward(NDArray x, Weights w, VaeConfig cfg, VaeOps ops) {
        if (!cfg.doubleZ()) {
            throw new VaeFormatException("this encoder outputs a single z (double_z false); the diagonal-Gaussian "
                    + "posterior ComfyUI uses needs mean and log-variance");
        }
        NDArray h = ops.conv(x, w, "encoder.conv_in", 1, 1);
        for (int level = 0; level < cfg.levels(); level++) {
            String p = "encoder.down." + level;
            for (int j = 0; j < cfg.numResBlocks(); j++) {
                h = ops.resnetBlock(h, w, p + ".block." + j);
                if (cfg.encoderAttnLevels().contains(level)) {
                    h = ops.attention(h, w, p + ".attn." + j);
                }
            }
            if (level != cfg.levels() - 1) {
                h = ops.downsample(h, w, p + ".downsample.conv");
            }
        }
        h = ops.resnetBlock(h, w, "encoder.mid.block_1");
        h = ops.attention(h, w, "encoder.mid.attn_1");
        h = ops.resnetBlock(h, w, "encoder.mid.block_2");
        try (NDArray last = h; NDArray moments = ops.normSiluConv(last, w, "encoder.norm_out", "encoder.conv_out", null)) {
            if (!cfg.hasQuantConvs()) {
                // Mode of the posterior = the mean = first half of the channels.
                return moments.get(":, 0:{}", cfg.zChannels()).duplicate();
            }
            // The mode only needs the mean half of quant_conv's outputs, so only those rows are computed.
            int e = cfg.embedDim();
            try (NDArray weight = w.get("quant_conv.weight").get("0:{}", e);
                 NDArray bias = w.get("quant_conv.bias").get("0:{}", e)) {
                return ops.conv(moments, weight, bias, 1, 0);
            }
        }
    }
}
