package dev.weft.engine.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.unet.ParameterShapes;
import dev.weft.engine.unet.UNetConfig;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The LoRA layer names ComfyUI's model_lora_keys_unet / model_lora_keys_clip give SD 1.x weights. */
class LoraKeyMapTest {
    private static final String COMFY_UNET = "diffusion_model.";
    private static final String COMFY_CLIP = "clip_l.transformer.text_model.";

    @Test
    void goldenManifestNamesMapToComfyUisModelKeysOnTheTinyUnetDerivedFromItsConfig() throws Exception {
        JsonObject manifest = JsonParser.parseString(Files.readString(GoldenFiles.dir("lora").resolve("manifest.json")))
                .getAsJsonObject();
        LoraKeyMap map = tinyUnetMap().with(LoraKeyMap.forClip(clipKeys(3)));
        int checked = 0;
        for (JsonElement e : manifest.getAsJsonArray("mapping")) {
            JsonObject m = e.getAsJsonObject();
            LoraTarget expected = comfyTarget(m.get("model_key").getAsString());
            assertEquals(expected, map.target(m.get("kohya").getAsString()).orElseThrow(), m.toString());
            if (!m.get("peft").isJsonNull()) {
                assertEquals(expected, map.target(m.get("peft").getAsString()).orElseThrow(), m.toString());
            }
            checked++;
        }
        assertEquals(14, checked);
    }

    @Test
    void sd15DiffusersNamesFollowChannelMultResBlocksAndTransformerDepths() {
        Map<String, String> names = DiffusersUnetNames.of(UNetConfig.sd15());
        assertEquals("input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight",
                names.get("down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.weight"));
        assertEquals("input_blocks.4.0.skip_connection.weight", names.get("down_blocks.1.resnets.0.conv_shortcut.weight"));
        assertEquals("input_blocks.3.0.op.weight", names.get("down_blocks.0.downsamplers.0.conv.weight"));
        assertEquals("input_blocks.11.0.in_layers.2.weight", names.get("down_blocks.3.resnets.1.conv1.weight"));
        assertEquals("middle_block.2.out_layers.3.weight", names.get("mid_block.resnets.1.conv2.weight"));
        assertEquals("output_blocks.2.1.conv.weight", names.get("up_blocks.0.upsamplers.0.conv.weight"));
        assertEquals("output_blocks.5.2.conv.weight", names.get("up_blocks.1.upsamplers.0.conv.weight"));
        assertEquals("output_blocks.11.1.proj_out.weight", names.get("up_blocks.3.attentions.2.proj_out.weight"));
        assertEquals("time_embed.2.weight", names.get("time_embedding.linear_2.weight"));
    }

    @Test
    void everySd15UnetWeightHasKohyaNamesInBothLayoutsAndTheGenericName() {
        Set<String> keys = ParameterShapes.unet(UNetConfig.sd15()).keySet();
        LoraKeyMap map = LoraKeyMap.forUnet(UNetConfig.sd15(), keys);
        Set<String> reachedByDiffusersName = new TreeSet<>();
        map.stems().forEach((stem, t) -> {
            if (stem.startsWith("lora_unet_down_") || stem.startsWith("lora_unet_mid_") || stem.startsWith("lora_unet_up_")
                    || stem.startsWith("lora_unet_conv_") || stem.startsWith("lora_unet_time_")) {
                reachedByDiffusersName.add(t.key());
            }
        });
        Set<String> weights = new TreeSet<>(keys);
        weights.removeIf(k -> !k.endsWith(".weight"));
        assertEquals(weights, reachedByDiffusersName);
        for (String k : weights) {
            String stem = k.substring(0, k.length() - ".weight".length());
            assertEquals(k, map.target("lora_unet_" + stem.replace('.', '_')).orElseThrow().key());
            assertEquals(k, map.target(COMFY_UNET + stem).orElseThrow().key());
        }
    }

    @Test
    void diffusersAttentionNamesMapInTheProcessorFormAndInThePlainPeftForm() {
        Set<String> keys = ParameterShapes.unet(UNetConfig.sd15()).keySet();
        LoraKeyMap map = LoraKeyMap.forUnet(UNetConfig.sd15(), keys);
        String toOut = "middle_block.1.transformer_blocks.0.attn2.to_out.0.weight";
        for (String stem : List.of("unet.mid_block.attentions.0.transformer_blocks.0.attn2.processor.to_out",
                "mid_block.attentions.0.transformer_blocks.0.attn2.processor.to_out",
                "unet.mid_block.attentions.0.transformer_blocks.0.attn2.to_out.0",
                "lycoris_mid_block_attentions_0_transformer_blocks_0_attn2_to_out_0")) {
            assertEquals(toOut, map.target(stem).orElseThrow().key(), stem);
        }
        assertEquals("input_blocks.4.0.in_layers.2.weight",
                map.target("unet.down_blocks.1.resnets.0.conv1").orElseThrow().key());
    }

    @Test
    void textEncoderLayersHaveKohyaSdxlClipLDiffusersAndGenericNames() {
        LoraKeyMap map = LoraKeyMap.forClip(clipKeys(12));
        LoraTarget q11 = new LoraTarget(LoraTarget.Part.CLIP, "encoder.layers.11.self_attn.q_proj.weight");
        assertEquals(q11, map.target("lora_te_text_model_encoder_layers_11_self_attn_q_proj").orElseThrow());
        assertEquals(q11, map.target("lora_te1_text_model_encoder_layers_11_self_attn_q_proj").orElseThrow());
        assertEquals(q11, map.target("text_encoder.text_model.encoder.layers.11.self_attn.q_proj").orElseThrow());
        assertEquals(q11, map.target("text_encoders." + COMFY_CLIP + "encoder.layers.11.self_attn.q_proj").orElseThrow());
        assertTrue(map.target("lora_te_text_model_encoder_layers_12_mlp_fc1").isEmpty());
        assertEquals(12 * 6 * 3, map.stems().keySet().stream().filter(s -> !s.startsWith("text_encoders.")).count());
    }

    static LoraKeyMap tinyUnetMap() {
        UNetConfig tiny = SyntheticCheckpoint.tinyUnet(32);
        return LoraKeyMap.forUnet(tiny, ParameterShapes.unet(tiny).keySet());
    }

    /** Parameter keys of an SD1 CLIP text model with {@code layers} layers, relative to text_model. */
    static Set<String> clipKeys(int layers) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add("embeddings.token_embedding.weight");
        keys.add("embeddings.position_embedding.weight");
        for (int i = 0; i < layers; i++) {
            for (String l : List.of("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.out_proj",
                    "layer_norm1", "layer_norm2", "mlp.fc1", "mlp.fc2")) {
                keys.add("encoder.layers." + i + "." + l + ".weight");
                keys.add("encoder.layers." + i + "." + l + ".bias");
            }
        }
        keys.add("final_layer_norm.weight");
        keys.add("final_layer_norm.bias");
        return keys;
    }

    private static LoraTarget comfyTarget(String modelKey) {
        if (modelKey.startsWith(COMFY_UNET)) {
            return new LoraTarget(LoraTarget.Part.UNET, modelKey.substring(COMFY_UNET.length()));
        }
        assertTrue(modelKey.startsWith(COMFY_CLIP), modelKey);
        return new LoraTarget(LoraTarget.Part.CLIP, modelKey.substring(COMFY_CLIP.length()));
    }

}
