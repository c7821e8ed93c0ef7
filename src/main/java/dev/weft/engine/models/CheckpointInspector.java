package dev.weft.engine.models;

import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorInfo;
import java.util.Set;

/**
 * Tells what a safetensors file holds from its header alone (no tensor data is read), the way
 * ComfyUI's model detection reads key names and a few shapes.
 */
public final class CheckpointInspector {
    /** Prefix of the diffusion model in original-layout checkpoints. */
    public static final String UNET_PREFIX = "model.diffusion_model.";
    /** Prefix of the VAE in original-layout checkpoints. */
    public static final String VAE_PREFIX = "first_stage_model.";
    /** Prefix of the SD1 text encoder in original-layout checkpoints. */
    public static final String CLIP_PREFIX = "cond_stage_model.";

    private CheckpointInspector() {
    }

    /**
     * What the file holds.
     *
     * @param kind      the recognised family
     * @param hasVae    whether VAE weights are present under {@code first_stage_model.}
     * @param hasClip   whether text-encoder weights are present
     * @param inChannels the UNet's input channels (4 normal, 9 inpaint), or 0 if no UNet
     */
    public record Inspection(ModelKind kind, boolean hasVae, boolean hasClip, int inChannels) {
    }

    public static Inspection inspect(SafetensorsFile file) {
        Set<String> keys = file.names();
        boolean hasVae = anyStartsWith(keys, VAE_PREFIX);
        boolean hasSd1Clip = anyStartsWith(keys, "cond_stage_model.transformer.");
        boolean hasSd2Clip = anyStartsWith(keys, "cond_stage_model.model.");
        boolean hasSdxlClip = anyStartsWith(keys, "conditioner.embedders.");
        boolean hasClip = hasSd1Clip || hasSd2Clip || hasSdxlClip || anyStartsWith(keys, "text_encoders.");
        String in0 = UNET_PREFIX + "input_blocks.0.0.weight";
        int inChannels = file.contains(in0) && file.info(in0).shape().length == 4 ? (int) file.info(in0).shape()[1] : 0;
        return new Inspection(kind(file, keys, hasSd1Clip, hasSd2Clip, hasSdxlClip, inChannels), hasVae, hasClip, inChannels);
    }

    private static ModelKind kind(SafetensorsFile file, Set<String> keys, boolean sd1Clip, boolean sd2Clip,
                                  boolean sdxlClip, int inChannels) {
        if (anyContains(keys, "lora_up.weight") || anyContains(keys, "lora_down.weight")
                || anyContains(keys, ".lora_A.") || anyContains(keys, ".lora_B.") || anyStartsWith(keys, "lora_unet_")
                || anyStartsWith(keys, "lora_te")) {
            return ModelKind.LORA;
        }
        if (anyContains(keys, "double_blocks.") && anyContains(keys, "single_blocks.")) {
            return ModelKind.FLUX;
        }
        if (anyContains(keys, "joint_blocks.")) {
            return ModelKind.SD3;
        }
        if (anyStartsWith(keys, "control_model.") || anyStartsWith(keys, "zero_convs.")
                || anyStartsWith(keys, "controlnet_cond_embedding.") || anyStartsWith(keys, "controlnet_down_blocks.")) {
            return ModelKind.CONTROLNET;
        }
        if (anyStartsWith(keys, "adapter.") || keys.contains("body.0.block1.weight")
                || keys.contains("conv_in.weight") && anyStartsWith(keys, "body.")) {
            return ModelKind.T2I_ADAPTER;
        }
        if (anyStartsWith(keys, "down_blocks.") && anyStartsWith(keys, "up_blocks.") && keys.contains("clip_txt_mapper.weight")) {
            return ModelKind.STABLE_CASCADE;
        }
        if (anyContains(keys, "time_stack.") || anyContains(keys, "time_mixer")) {
            return ModelKind.SVD;
        }
        if (keys.contains("emb_params") || anyStartsWith(keys, "string_to_param") || keys.size() <= 2
                && (keys.contains("clip_l") || keys.contains("clip_g"))) {
            return ModelKind.EMBEDDING;
        }
        boolean unet = anyStartsWith(keys, CheckpointInspector.UNET_PREFIX);
        if (unet) {
            TensorInfo label = keys.contains(UNET_PREFIX + "label_emb.0.0.weight") ? file.info(UNET_PREFIX + "label_emb.0.0.weight") : null;
            if (label != null) {
                long adm = label.shape()[label.shape().length - 1];
                return adm == 2560 ? ModelKind.SDXL_REFINER : ModelKind.SDXL;
            }
            if (sdxlClip) {
                return ModelKind.SDXL;
            }
            long context = contextDim(file, keys);
            if (sd2Clip || context == 1024) {
                return ModelKind.SD2;
            }
            if (context == 768 || sd1Clip) {
                return inChannels > 4 ? ModelKind.SD1_INPAINT : ModelKind.SD1;
            }
            return ModelKind.UNKNOWN;
        }
        if (anyStartsWith(keys, "input_blocks.") && anyStartsWith(keys, "output_blocks.")) {
            return ModelKind.UNET_ONLY;
        }
        if (anyStartsWith(keys, "encoder.") && anyStartsWith(keys, "decoder.")
                || anyStartsWith(keys, VAE_PREFIX) && !anyStartsWith(keys, CLIP_PREFIX)) {
            return ModelKind.VAE;
        }
        if (anyStartsWith(keys, "text_model.") || sd1Clip || anyStartsWith(keys, "transformer.resblocks.")) {
            return ModelKind.TEXT_ENCODER;
        }
        return ModelKind.UNKNOWN;
    }

    private static long contextDim(SafetensorsFile file, Set<String> keys) {
        for (String k : keys) {
            if (k.startsWith(UNET_PREFIX) && k.endsWith("attn2.to_k.weight")) {
                long[] s = file.info(k).shape();
                return s[s.length - 1];
            }
        }
        return -1;
    }

    private static boolean anyStartsWith(Set<String> keys, String prefix) {
        for (String k : keys) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyContains(Set<String> keys, String part) {
        for (String k : keys) {
            if (k.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
