package dev.weft.engine.models;

import dev.weft.engine.tensor.SafetensorsFile;
import java.util.Set;

/**
 * Tells from a file's header (no tensor data is read) whether it is an SD 1.x ControlNet Weft can
 * load and in which layout, in the order ComfyUI's {@code load_controlnet_state_dict} checks.
 * Every other kind of control model, and model files that are no ControlNet at all, are refused
 * with a message that names what the file is.
 */
final class ControlNetInspector {
    /** Context width of SDXL's text encoders. */
    private static final long SDXL_CONTEXT = 2048;
    /** Context width of SD 2.x's text encoder. */
    private static final long SD2_CONTEXT = 1024;

    private ControlNetInspector() {
    }

    /**
     * The layout of {@code file}, an SD 1.x ControlNet.
     *
     * @param name the file name, for messages
     * @throws ModelLoadException when the file is another kind of model, saying which
     */
    static ControlNetLayout inspect(String name, SafetensorsFile file) throws ModelLoadException {
        Set<String> keys = file.names();
        String notYet = "; Weft loads SD 1.x ControlNets only for now";
        if (keys.contains("after_proj_list.18.bias")) {
            throw refuse(name, "a HunyuanDiT ControlNet" + notYet);
        }
        if (keys.contains("lora_controlnet")) {
            throw refuse(name, "a Control-LoRA (a low-rank ControlNet applied on top of the base model's weights)"
                    + "; Weft does not load Control-LoRAs yet");
        }
        if (keys.contains("controlnet_cond_embedding.conv_in.weight")) {
            if (keys.contains("control_add_embedding.linear_1.bias") || keys.contains("task_embedding")) {
                throw refuse(name, "a ControlNet Union / ProMax (one network for several control types)" + notYet);
            }
            refuseOtherFamilies(name, file, "", "add_embedding.linear_1.weight", "class_embedding.linear_1.weight");
            return ControlNetLayout.DIFFUSERS;
        }
        if (keys.contains("controlnet_blocks.0.weight") || keys.contains("controlnet_blocks.0.linear.weight")) {
            throw refuse(name, transformerControlNet(keys) + notYet);
        }
        if (keys.contains(ControlNetLayout.LDM_PREFIXED.prefix() + "zero_convs.0.0.weight")) {
            if (keys.contains("difference")) {
                throw refuse(name, "a diff ControlNet (stored as a difference to a base model, for ComfyUI's"
                        + " DiffControlNetLoader); Weft does not load diff ControlNets yet");
            }
            refuseOtherFamilies(name, file, ControlNetLayout.LDM_PREFIXED.prefix(), "label_emb.0.0.weight");
            return ControlNetLayout.LDM_PREFIXED;
        }
        if (keys.contains("zero_convs.0.0.weight")) {
            refuseOtherFamilies(name, file, "", "label_emb.0.0.weight");
            return ControlNetLayout.LDM;
        }
        if (keys.contains("backbone.0.0.weight") || keys.contains("backbone.10.blocks.0.weight")) {
            throw refuse(name, "a Stable Cascade ControlNet" + notYet);
        }
        if (isT2iAdapter(keys)) {
            throw refuse(name, "a T2I-Adapter; Weft does not load T2I-Adapters yet (it loads SD 1.x ControlNets)");
        }
        throw notAControlNet(name, CheckpointInspector.inspect(file).kind());
    }

    private static ModelLoadException refuse(String name, String what) {
        return new ModelLoadException(name + " is " + what);
    }

    /** The transformer-model ControlNets ComfyUI recognises by their {@code controlnet_blocks}. */
    private static String transformerControlNet(Set<String> keys) {
        if (keys.contains("controlnet_blocks.0.linear.weight")) {
            return "a Flux ControlNet (Mistoline)";
        }
        if (keys.contains("double_blocks.0.img_attn.norm.key_norm.scale")) {
            return "a Flux ControlNet (XLabs)";
        }
        if (keys.contains("pos_embed_input.proj.weight")) {
            return "an SD 3.x ControlNet";
        }
        if (keys.contains("transformer_blocks.0.img_mlp.net.0.proj.weight")) {
            return "a Qwen-Image ControlNet";
        }
        if (keys.contains("controlnet_x_embedder.weight")) {
            return "a Flux ControlNet (InstantX)";
        }
        return "a ControlNet for a transformer model (SD 3.x, Flux or similar)";
    }

    private static boolean isT2iAdapter(Set<String> keys) {
        return keys.stream().anyMatch(k -> k.startsWith("adapter.")) || keys.contains("body.0.in_conv.weight")
                || keys.contains("conv_in.weight") && keys.stream().anyMatch(k -> k.startsWith("body."));
    }

    /**
     * Refuses SDXL and SD 2.x ControlNets: an ADM (label/add embedding) input or a 2048-wide
     * context is SDXL, a 1024-wide context SD 2.x.
     */
    private static void refuseOtherFamilies(String name, SafetensorsFile file, String prefix, String... admKeys)
            throws ModelLoadException {
        for (String adm : admKeys) {
            if (file.contains(prefix + adm)) {
                throw refuse(name, "an SDXL ControlNet (it takes SDXL's size/crop embedding, '" + adm
                        + "'); Weft loads SD 1.x ControlNets only for now");
            }
        }
        long context = contextDim(file, prefix);
        if (context == SDXL_CONTEXT) {
            throw refuse(name, "an SDXL ControlNet (2048-wide text context); Weft loads SD 1.x ControlNets only"
                    + " for now");
        }
        if (context == SD2_CONTEXT) {
            throw refuse(name, "an SD 2.x ControlNet (1024-wide text context); Weft loads SD 1.x ControlNets only"
                    + " for now");
        }
    }

    /** Width of the first cross-attention's context under {@code prefix}, or -1 when there is none. */
    private static long contextDim(SafetensorsFile file, String prefix) {
        for (String k : file.names()) {
            if (k.startsWith(prefix) && k.endsWith("attn2.to_k.weight")) {
                long[] shape = file.info(k).shape();
                return shape[shape.length - 1];
            }
        }
        return -1;
    }

    private static ModelLoadException notAControlNet(String name, ModelKind kind) {
        String layouts = "an SD ControlNet has control_model.*, zero_convs.* or controlnet_cond_embedding.* weights";
        String message = switch (kind) {
            case LORA -> "a LoRA, not a ControlNet: put it in models/loras and apply it with a Load LoRA node";
            case VAE -> "a VAE, not a ControlNet: put it in models/vae and load it with Load VAE";
            case EMBEDDING -> "a textual-inversion embedding, not a ControlNet: put it in models/embeddings";
            case T2I_ADAPTER -> "a T2I-Adapter; Weft does not load T2I-Adapters yet (it loads SD 1.x ControlNets)";
            case CONTROLNET -> "a ControlNet in a layout Weft does not know (" + layouts + ")";
            case UNET_ONLY, TEXT_ENCODER -> "a " + kind.label() + ", not a ControlNet (" + layouts + ")";
            case UNKNOWN -> "not a ControlNet (" + layouts + ")";
            default -> "a " + kind.label() + " checkpoint, not a ControlNet: put it in models/checkpoints and load"
                    + " it with Load Checkpoint";
        };
        return refuse(name, message);
    }
}
