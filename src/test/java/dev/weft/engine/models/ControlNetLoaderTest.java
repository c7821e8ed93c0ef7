package dev.weft.engine.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.unet.ControlResiduals;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlNetLoaderTest {
    @TempDir
    Path tmp;
    private NDManager m;

    @BeforeEach
    void init() {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void free() {
        m.close();
    }

    @Test
    void ldmWithPrefixWithoutPrefixAndDiffusersLayoutsLoadToTheSameNetwork() throws Exception {
        Path plain = ControlNetFiles.writeLdm(tmp.resolve("plain.safetensors"), "");
        Path prefixed = ControlNetFiles.writeLdm(tmp.resolve("prefixed.safetensors"), "control_model.");
        Path diffusers = ControlNetFiles.writeDiffusers(plain, tmp.resolve("diffusers.safetensors"));
        try (SharedModel<ControlNetModel> a = ControlNetLoader.load(plain, m);
             SharedModel<ControlNetModel> b = ControlNetLoader.load(prefixed, m);
             SharedModel<ControlNetModel> c = ControlNetLoader.load(diffusers, m)) {
            assertEquals(SyntheticCheckpoint.tinyControlNet(ControlNetFiles.CONTEXT), a.value().net().config());
            assertEquals(a.value().net().config(), b.value().net().config());
            assertEquals(a.value().net().config(), c.value().net().config());
            assertEquals(a.value().net().weights().keys(), c.value().net().weights().keys());
            float[][] reference = residuals(a.value());
            assertResidualsEqual(reference, residuals(b.value()));
            assertResidualsEqual(reference, residuals(c.value()));
            assertEquals(3, a.value().hintChannels());
            assertEquals(ControlNetFiles.CONTEXT, a.value().contextDim());
        }
    }

    @Test
    void diffusersNamesOfAFullSizeSd15ControlNetGetComfyUisLdmNumbering() {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (int level = 0; level < 4; level++) {
            for (int i = 0; i < 2; i++) {
                keys.add("down_blocks." + level + ".resnets." + i + ".conv1.weight");
                if (level < 3) {
                    keys.add("down_blocks." + level + ".attentions." + i + ".proj_in.weight");
                }
            }
            if (level < 3) {
                keys.add("down_blocks." + level + ".downsamplers.0.conv.weight");
            }
        }
        Map<String, String> probes = Map.of(
                "down_blocks.1.resnets.0.conv_shortcut.weight", "input_blocks.4.0.skip_connection.weight",
                "down_blocks.2.attentions.1.transformer_blocks.0.attn2.to_k.weight",
                "input_blocks.8.1.transformer_blocks.0.attn2.to_k.weight",
                "down_blocks.2.downsamplers.0.conv.bias", "input_blocks.9.0.op.bias",
                "down_blocks.3.resnets.1.norm2.weight", "input_blocks.11.0.out_layers.0.weight",
                "mid_block.resnets.1.time_emb_proj.bias", "middle_block.2.emb_layers.1.bias",
                "mid_block.attentions.0.proj_out.weight", "middle_block.1.proj_out.weight",
                "controlnet_down_blocks.11.weight", "zero_convs.11.0.weight",
                "controlnet_cond_embedding.blocks.5.bias", "input_hint_block.12.bias",
                "time_embedding.linear_2.weight", "time_embed.2.weight");
        keys.addAll(probes.keySet());
        keys.add("controlnet_cond_embedding.conv_out.weight");
        for (int j = 0; j < 12; j++) {
            keys.add("controlnet_down_blocks." + j + ".bias");
        }
        for (int k = 0; k < 6; k++) {
            keys.add("controlnet_cond_embedding.blocks." + k + ".weight");
        }
        Map<String, String> names = DiffusersControlNetNames.toLdm(keys);
        probes.forEach((diffusers, ldm) -> assertEquals(ldm, names.get(diffusers), diffusers));
        assertEquals("input_hint_block.14.weight", names.get("controlnet_cond_embedding.conv_out.weight"));
        assertEquals(keys.size(), names.size());
    }

    @Test
    void aControlNet10TrainingCheckpointKeepsOnlyTheControlModelTensors() throws Exception {
        Map<String, long[]> shapes = new LinkedHashMap<>(ControlNetFiles.tinyShapes("control_model."));
        shapes.put("model.diffusion_model.input_blocks.0.0.weight", new long[] {32, 4, 3, 3});
        shapes.put("cond_stage_model.transformer.text_model.final_layer_norm.weight", new long[] {32});
        Path file = ControlNetFiles.writeKeys(tmp.resolve("full.safetensors"), shapes);
        try (SharedModel<ControlNetModel> cn = ControlNetLoader.load(file, m)) {
            assertEquals(ControlNetFiles.tinyShapes("").keySet(), cn.value().net().weights().keys());
        }
    }

    @Test
    void aMissingTensorIsRefusedByName() throws Exception {
        Map<String, long[]> shapes = new LinkedHashMap<>(ControlNetFiles.tinyShapes(""));
        shapes.remove("middle_block_out.0.bias");
        Path file = ControlNetFiles.writeKeys(tmp.resolve("cut.safetensors"), shapes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ControlNetLoader.load(file, m));
        assertTrue(e.getMessage().contains("middle_block_out.0.bias") && e.getMessage().contains("missing"),
                e.getMessage());
    }

    @Test
    void tensorsOutsideAnSdControlNetAreRefusedWithExamples() throws Exception {
        Map<String, long[]> shapes = new LinkedHashMap<>(ControlNetFiles.tinyShapes(""));
        shapes.put("zero_convs.0.0.scale", new long[] {32});
        Path file = ControlNetFiles.writeKeys(tmp.resolve("extra.safetensors"), shapes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ControlNetLoader.load(file, m));
        assertTrue(e.getMessage().contains("zero_convs.0.0.scale"), e.getMessage());

        Map<String, long[]> diffusers = new LinkedHashMap<>();
        ControlNetFiles.tinyShapes("").forEach((k, v) -> diffusers.put(ControlNetFiles.diffusersName(k), v));
        diffusers.put("controlnet_cond_embedding.extra.weight", new long[] {1});
        Path d = ControlNetFiles.writeKeys(tmp.resolve("extra_diffusers.safetensors"), diffusers);
        ModelLoadException de = assertThrows(ModelLoadException.class, () -> ControlNetLoader.load(d, m));
        assertTrue(de.getMessage().contains("controlnet_cond_embedding.extra.weight"), de.getMessage());
    }

    @Test
    void shuffleControlNetsAverageTheirResidualsAsComfyUiDecidesByFileName() throws Exception {
        Path shuffle = ControlNetFiles.writeLdm(tmp.resolve("control_v11e_sd15_shuffle.safetensors"), "");
        try (SharedModel<ControlNetModel> cn = ControlNetLoader.load(shuffle, m)) {
            assertTrue(cn.value().globalAveragePooling());
            assertEquals("control_v11e_sd15_shuffle.safetensors", cn.value().name());
        }
        assertTrue(ControlNetLoader.usesGlobalAveragePooling("control_v11e_sd15_shuffle_fp16.safetensors"));
        assertFalse(ControlNetLoader.usesGlobalAveragePooling("control_v11p_sd15_canny.safetensors"));
        assertFalse(ControlNetLoader.usesGlobalAveragePooling("shuffle_control.safetensors"));
    }

    static Stream<Arguments> foreignFiles() {
        Map<String, long[]> sdxlByAdm = ControlNetFiles.scalars("zero_convs.0.0.weight", "input_hint_block.0.weight",
                "label_emb.0.0.weight");
        Map<String, long[]> sdxlByContext = ControlNetFiles.scalars("control_model.zero_convs.0.0.weight");
        sdxlByContext.put("control_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight", new long[] {8, 2048});
        Map<String, long[]> sd2 = ControlNetFiles.scalars("zero_convs.0.0.weight");
        sd2.put("input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight", new long[] {8, 1024});
        Map<String, long[]> checkpoint = new LinkedHashMap<>();
        checkpoint.put("model.diffusion_model.input_blocks.0.0.weight", new long[] {8, 4, 3, 3});
        checkpoint.put("model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight",
                new long[] {8, 768});
        checkpoint.put("cond_stage_model.transformer.text_model.final_layer_norm.weight", new long[] {8});
        return Stream.of(
                Arguments.of("T2I-Adapter", ControlNetFiles.scalars("conv_in.weight", "body.0.block1.weight"),
                        "T2I-Adapter"),
                Arguments.of("T2I-Adapter (diffusers)", ControlNetFiles.scalars(
                        "adapter.body.0.resnets.0.block1.weight"), "T2I-Adapter"),
                Arguments.of("Control-LoRA", ControlNetFiles.scalars("lora_controlnet", "input_blocks.0.0.weight",
                        "zero_convs.0.0.weight"), "Control-LoRA"),
                Arguments.of("SDXL by ADM input", sdxlByAdm, "SDXL ControlNet"),
                Arguments.of("SDXL by context", sdxlByContext, "SDXL ControlNet"),
                Arguments.of("SDXL diffusers", ControlNetFiles.scalars("controlnet_cond_embedding.conv_in.weight",
                        "add_embedding.linear_1.weight"), "SDXL ControlNet"),
                Arguments.of("SD 2.x", sd2, "SD 2.x ControlNet"),
                Arguments.of("diff ControlNet", ControlNetFiles.scalars("control_model.zero_convs.0.0.weight",
                        "difference"), "diff ControlNet"),
                Arguments.of("Union", ControlNetFiles.scalars("controlnet_cond_embedding.conv_in.weight",
                        "control_add_embedding.linear_1.bias", "task_embedding"), "Union"),
                Arguments.of("SD3", ControlNetFiles.scalars("controlnet_blocks.0.weight",
                        "pos_embed_input.proj.weight"), "SD 3.x ControlNet"),
                Arguments.of("Flux XLabs", ControlNetFiles.scalars("controlnet_blocks.0.weight",
                        "double_blocks.0.img_attn.norm.key_norm.scale"), "Flux ControlNet"),
                Arguments.of("Flux InstantX", ControlNetFiles.scalars("controlnet_blocks.0.weight",
                        "controlnet_x_embedder.weight"), "Flux ControlNet"),
                Arguments.of("Flux Mistoline", ControlNetFiles.scalars("controlnet_blocks.0.linear.weight"),
                        "Flux ControlNet"),
                Arguments.of("HunyuanDiT", ControlNetFiles.scalars("after_proj_list.18.bias"), "HunyuanDiT"),
                Arguments.of("Stable Cascade", ControlNetFiles.scalars("backbone.0.0.weight"), "Stable Cascade"),
                Arguments.of("checkpoint", checkpoint, "models/checkpoints"),
                Arguments.of("LoRA", ControlNetFiles.scalars("lora_unet_down_blocks_0_attentions_0_proj_in.lora_down"
                        + ".weight", "lora_unet_down_blocks_0_attentions_0_proj_in.lora_up.weight"), "models/loras"),
                Arguments.of("unknown", ControlNetFiles.scalars("foo.weight"), "not a ControlNet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignFiles")
    void otherModelKindsAreRefusedWithAMessageNamingThem(String kind, Map<String, long[]> keys, String named)
            throws Exception {
        Path file = ControlNetFiles.writeKeys(tmp.resolve("model.safetensors"), keys);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ControlNetLoader.load(file, m));
        assertTrue(e.getMessage().startsWith("model.safetensors is "), e.getMessage());
        assertTrue(e.getMessage().contains(named), kind + ": " + e.getMessage());
    }

    /** The raw residuals of {@code cn} for fixed random inputs (seeded), flattened. */
    private float[][] residuals(ControlNetModel cn) {
        try (NDManager s = m.newSubManager()) {
            JniUtils.setSeed(3);
            NDArray x = s.randomNormal(new Shape(1, 4, 8, 8));
            NDArray hint = s.randomUniform(0f, 1f, new Shape(1, 3, 64, 64));
            NDArray context = s.randomNormal(new Shape(1, 77, ControlNetFiles.CONTEXT));
            ControlResiduals r = cn.net().forward(x, hint, s.create(new float[] {500f}), context, null);
            float[][] out = new float[r.output().size() + 1][];
            for (int i = 0; i < r.output().size(); i++) {
                out[i] = r.output().get(i).toFloatArray();
            }
            out[r.output().size()] = r.middle().toFloatArray();
            return out;
        }
    }

    private static void assertResidualsEqual(float[][] expected, float[][] got) {
        assertEquals(expected.length, got.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], got[i], "residual " + i);
        }
    }
}
