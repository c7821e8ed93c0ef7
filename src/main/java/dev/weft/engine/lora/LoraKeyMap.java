package dev.weft.engine.lora;

import dev.weft.engine.unet.UNetConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which model weight each LoRA layer name patches, as ComfyUI's {@code model_lora_keys_unet} and
 * {@code model_lora_keys_clip} build the map for SD 1.x. A layer name ("stem") is a LoRA key
 * without its weight suffix, e.g. {@code lora_unet_down_blocks_0_attentions_0_proj_in} in
 * {@code lora_unet_down_blocks_0_attentions_0_proj_in.lora_up.weight}.
 *
 * <p>UNet names: kohya {@code lora_unet_<name with . → _>} for both the original and the diffusers
 * layer names, SimpleTuner {@code lycoris_<diffusers name>}, diffusers {@code [unet.]<diffusers name>}
 * with attention projections as {@code .processor.to_q} and {@code .processor.to_out}, and the
 * generic {@code diffusion_model.<original name>}. Weft also accepts the plain diffusers/PEFT names
 * {@code [unet.]…attn1.to_q} and {@code …to_out.0}, which ComfyUI leaves unloaded (it logs "lora key
 * not loaded" and skips them).
 *
 * <p>Text-encoder names: {@code lora_te_text_model_encoder_layers_<i>_<layer>},
 * {@code lora_te1_…} (the SDXL name of CLIP-L), diffusers
 * {@code text_encoder.text_model.encoder.layers.<i>.<layer>} and the generic
 * {@code text_encoders.clip_l.transformer.text_model.<name>}.
 *
 * <p>Immutable.
 */
public final class LoraKeyMap {
    /** ComfyUI's prefix of the SD1 text model inside its CLIP wrapper. */
    private static final String COMFY_CLIP_PREFIX = "clip_l.transformer.text_model.";
    private static final Pattern CLIP_LAYER = Pattern.compile(
            "encoder\\.layers\\.(\\d+)\\.(mlp\\.fc1|mlp\\.fc2|self_attn\\.[qkv]_proj|self_attn\\.out_proj)\\.weight");

    private final Map<String, LoraTarget> stems;

    private LoraKeyMap(Map<String, LoraTarget> stems) {
        this.stems = Collections.unmodifiableMap(stems);
    }

    /** An empty map (a model part that is not being patched). */
    public static LoraKeyMap empty() {
        return new LoraKeyMap(new LinkedHashMap<>());
    }

    /**
     * The names of a UNet's layers.
     *
     * @param config   the architecture, for the diffusers names
     * @param unetKeys every parameter key of the UNet, relative to it; only these become targets
     */
    public static LoraKeyMap forUnet(UNetConfig config, Set<String> unetKeys) {
        Map<String, LoraTarget> m = new LinkedHashMap<>();
        for (String k : unetKeys) {
            LoraTarget t = new LoraTarget(LoraTarget.Part.UNET, k);
            if (k.endsWith(".weight")) {
                String stem = stripWeight(k);
                m.put("lora_unet_" + underscored(stem), t);
                m.put("diffusion_model." + stem, t);
            } else {
                m.put("diffusion_model." + k, t);
            }
        }
        DiffusersUnetNames.of(config).forEach((diffusers, original) -> {
            if (!diffusers.endsWith(".weight") || !unetKeys.contains(original)) {
                return;
            }
            LoraTarget t = new LoraTarget(LoraTarget.Part.UNET, original);
            String stem = stripWeight(diffusers);
            m.put("lora_unet_" + underscored(stem), t);
            m.put("lycoris_" + underscored(stem), t);
            String processor = stem.replace(".to_", ".processor.to_");
            if (processor.endsWith(".to_out.0")) {
                processor = processor.substring(0, processor.length() - 2);
            }
            for (String prefix : new String[] {"", "unet."}) {
                m.put(prefix + processor, t);
                m.putIfAbsent(prefix + stem, t); // Weft's addition: the plain diffusers/PEFT name
            }
        });
        return new LoraKeyMap(m);
    }

    /**
     * The names of an SD 1.x CLIP text model's layers.
     *
     * @param textModelKeys every parameter key of the text model, relative to {@code text_model.}
     */
    public static LoraKeyMap forClip(Set<String> textModelKeys) {
        Map<String, LoraTarget> m = new LinkedHashMap<>();
        for (String k : textModelKeys) {
            if (k.endsWith(".weight")) {
                m.put("text_encoders." + COMFY_CLIP_PREFIX + stripWeight(k), new LoraTarget(LoraTarget.Part.CLIP, k));
            }
        }
        for (String k : textModelKeys) {
            Matcher x = CLIP_LAYER.matcher(k);
            if (!x.matches()) {
                continue;
            }
            LoraTarget t = new LoraTarget(LoraTarget.Part.CLIP, k);
            String kohya = "text_model_encoder_layers_" + x.group(1) + "_" + underscored(x.group(2));
            m.put("lora_te_" + kohya, t);
            m.put("lora_te1_" + kohya, t);
            m.put("text_encoder.text_model.encoder.layers." + x.group(1) + "." + x.group(2), t);
        }
        return new LoraKeyMap(m);
    }

    /** This map followed by {@code other} (a name in both keeps {@code other}'s target). */
    public LoraKeyMap with(LoraKeyMap other) {
        Map<String, LoraTarget> m = new LinkedHashMap<>(stems);
        m.putAll(other.stems);
        return new LoraKeyMap(m);
    }

    /** The target of a layer name, if the model has it. */
    public Optional<LoraTarget> target(String stem) {
        return Optional.ofNullable(stems.get(stem));
    }

    /** Every layer name and its target, in ComfyUI's order. */
    public Map<String, LoraTarget> stems() {
        return stems;
    }

    private static String stripWeight(String key) {
        return key.substring(0, key.length() - ".weight".length());
    }

    private static String underscored(String name) {
        return name.replace('.', '_');
    }
}
