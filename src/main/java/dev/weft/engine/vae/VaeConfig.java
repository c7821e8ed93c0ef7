package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.tensor.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The architecture of an AutoencoderKL (the SD 1.x/2.x/XL first stage), read from the shapes of
 * its weights, so the tiny golden VAEs and the real 83 M-parameter VAE load through the same code.
 *
 * <p>Key names are those of the original layout without the {@code first_stage_model.} prefix
 * ({@code encoder.down.1.block.0.conv1.weight}, {@code decoder.mid.attn_1.q.weight}, ...). Either
 * half may be missing (a decoder-only file decodes, an encoder-only file encodes).
 *
 * @param ch                base channel count ({@code ch} in ComfyUI's ddconfig)
 * @param chMult            channel multiplier per resolution level, level 0 = full resolution
 * @param numResBlocks      resnet blocks per encoder level (the decoder has one more per level)
 * @param zChannels         latent channels between encoder/decoder and the quant convs
 * @param embedDim          latent channels of the LATENT (after quant_conv, before post_quant_conv)
 * @param doubleZ           whether the encoder outputs mean and log-variance (2·z channels)
 * @param imageChannels     pixel channels in and out (3)
 * @param encoderAttnLevels encoder levels with attention blocks after each resnet block (usually none)
 * @param decoderAttnLevels decoder levels with attention blocks (usually none)
 * @param hasEncoder        whether encoder weights are present
 * @param hasDecoder        whether decoder weights are present
 * @param hasQuantConvs     whether quant_conv/post_quant_conv are present
 */
public record VaeConfig(int ch, List<Integer> chMult, int numResBlocks, int zChannels, int embedDim,
                        boolean doubleZ, int imageChannels, Set<Integer> encoderAttnLevels,
                        Set<Integer> decoderAttnLevels, boolean hasEncoder, boolean hasDecoder,
                        boolean hasQuantConvs) {
    /** GroupNorm groups everywhere in the model ({@code Normalize} in ComfyUI's model.py). */
    public static final int GROUPS = 32;
    /** GroupNorm epsilon everywhere in the model. */
    public static final double NORM_EPS = 1e-6;

    public VaeConfig {
        chMult = List.copyOf(chMult);
        encoderAttnLevels = Set.copyOf(encoderAttnLevels);
        decoderAttnLevels = Set.copyOf(decoderAttnLevels);
    }

    /** The SD 1.x/2.x/XL VAE: ch 128, ch_mult [1, 2, 4, 4], 2 res blocks, z 4, embed 4 (83.7 M parameters). */
    public static VaeConfig sd() {
        return new VaeConfig(128, List.of(1, 2, 4, 4), 2, 4, 4, true, 3, Set.of(), Set.of(), true, true, true);
    }

    /** Number of resolution levels ({@code len(ch_mult)}). */
    public int levels() {
        return chMult.size();
    }

    /** Pixels per latent cell along each axis: 2^(levels-1), 8 for SD. */
    public int spatialFactor() {
        return 1 << (levels() - 1);
    }

    /**
     * The multiple VAEEncode centre-crops pixel sizes to. ComfyUI crops to its VAE's
     * {@code downscale_ratio}, which is 8 for every AutoencoderKL except the 3-level x4-upscaler
     * VAE (4); the golden f2 case confirms that a factor-2 model is still cropped to 8.
     */
    public int encodeCropMultiple() {
        int f = spatialFactor();
        return f == 4 ? 4 : Math.max(8, f);
    }

    /** Channels at level {@code i}: ch · ch_mult[i]. */
    public int channels(int level) {
        return ch * chMult.get(level);
    }

    /** Derives the configuration from weights keyed without the {@code first_stage_model.} prefix. */
    public static VaeConfig fromWeights(Weights w) {
        if (w.has("decoder.up_blocks.0.resnets.0.norm1.weight") || w.has("encoder.down_blocks.0.resnets.0.norm1.weight")) {
            throw new VaeFormatException("this VAE is in the diffusers layout (down_blocks/up_blocks); Weft reads the "
                    + "original layout (encoder.down.N / decoder.up.N) used by single-file checkpoints and "
                    + "models/vae files - use the .safetensors from the model's original release");
        }
        if (w.has("decoder.mid.block_1.mix_factor")) {
            throw new VaeFormatException("this is a temporal (video) VAE (decoder.mid.block_1.mix_factor), "
                    + "which Weft does not support yet");
        }
        boolean enc = w.has("encoder.conv_in.weight");
        boolean dec = w.has("decoder.conv_in.weight");
        if (!enc && !dec) {
            throw new VaeFormatException("no AutoencoderKL weights found (expected encoder.conv_in.weight or "
                    + "decoder.conv_in.weight" + (w.keys().isEmpty() ? ", and the file holds no tensors" : "")
                    + "); is this file a VAE?");
        }
        String half = enc ? "encoder" : "decoder";
        int levels = 0;
        while (w.has(blockKey(half, enc, levels, 0) + ".conv1.weight")) {
            levels++;
        }
        if (levels == 0) {
            throw new VaeFormatException("no resnet blocks found under " + half + (enc ? ".down" : ".up")
                    + ".0.block.0 - not an AutoencoderKL layout");
        }
        int blocksPerLevel = 0;
        while (w.has(blockKey(half, enc, 0, blocksPerLevel) + ".conv1.weight")) {
            blocksPerLevel++;
        }
        int numRes = enc ? blocksPerLevel : blocksPerLevel - 1;
        int ch = enc ? dim(w, "encoder.conv_in.weight", 0) : dim(w, "decoder.conv_out.weight", 1);
        List<Integer> mult = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            int out = dim(w, blockKey(half, enc, i, 0) + ".conv1.weight", 0);
            if (out % ch != 0) {
                throw new VaeFormatException(half + " level " + i + " has " + out + " channels, not a multiple of "
                        + "the base width " + ch);
            }
            mult.add(out / ch);
        }
        int imageCh = enc ? dim(w, "encoder.conv_in.weight", 1) : dim(w, "decoder.conv_out.weight", 0);
        int z;
        boolean doubleZ = true;
        if (dec) {
            z = dim(w, "decoder.conv_in.weight", 1);
            if (enc) {
                int encOut = dim(w, "encoder.conv_out.weight", 0);
                doubleZ = encOut == 2 * z;
                if (!doubleZ && encOut != z) {
                    throw new VaeFormatException("encoder.conv_out has " + encOut + " outputs but the decoder takes "
                            + z + " latent channels");
                }
            }
        } else {
            // Encoder-only: SD encoders are double_z (mean and log-variance).
            z = dim(w, "encoder.conv_out.weight", 0) / 2;
        }
        boolean quant = w.has("quant_conv.weight") || w.has("post_quant_conv.weight");
        int embed = z;
        if (w.has("post_quant_conv.weight")) {
            embed = dim(w, "post_quant_conv.weight", 1);
        } else if (w.has("quant_conv.weight")) {
            embed = dim(w, "quant_conv.weight", 0) / (doubleZ ? 2 : 1);
        }
        VaeConfig c = new VaeConfig(ch, mult, numRes, z, embed, doubleZ, imageCh,
                attnLevels(w, "encoder", true, levels), attnLevels(w, "decoder", false, levels), enc, dec, quant);
        c.checkResampling(w);
        return c;
    }

    private void checkResampling(Weights w) {
        for (int i = 0; i < levels() - 1; i++) {
            if (hasEncoder && !w.has("encoder.down." + i + ".downsample.conv.weight")) {
                throw new VaeFormatException("encoder.down." + i + ".downsample.conv.weight is missing (a VAE "
                        + "without strided-conv downsampling is not supported)");
            }
            if (hasDecoder && !w.has("decoder.up." + (i + 1) + ".upsample.conv.weight")) {
                throw new VaeFormatException("decoder.up." + (i + 1) + ".upsample.conv.weight is missing (a VAE "
                        + "without conv upsampling is not supported)");
            }
        }
    }

    private static String blockKey(String half, boolean encoder, int level, int block) {
        return half + (encoder ? ".down." : ".up.") + level + ".block." + block;
    }

    private static Set<Integer> attnLevels(Weights w, String half, boolean encoder, int levels) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < levels; i++) {
            if (w.has(half + (encoder ? ".down." : ".up.") + i + ".attn.0.q.weight")) {
                out.add(i);
            }
        }
        return out;
    }

    private static int dim(Weights w, String key, int axis) {
        NDArray a = w.get(key);
        return (int) a.getShape().get(axis);
    }
}
