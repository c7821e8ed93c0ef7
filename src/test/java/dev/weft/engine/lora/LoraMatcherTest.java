package dev.weft.engine.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.models.ModelLoadException;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.tensor.DType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the matcher applies, reports and refuses. */
class LoraMatcherTest {
    private static final String Q = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
    private static final String TO_Q = "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight";

    @TempDir
    Path tmp;

    @Test
    void unknownKeysAreReportedWithTheirCountAndExamplesAndTheRestIsApplied() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 0)) {
            Map<String, long[]> t = lowRank(Q, 32, 32, 4);
            t.putAll(lowRank("lora_unet_not_a_layer", 8, 8, 4));
            try (SharedModel<LoraFile> lora = f.raw("odd.safetensors", t)) {
                LoraPatcher.Result r = patcher.apply(f.unet, f.text, List.of(new LoraPatcher.Request(lora, 1, 1)));
                LoraReport report = r.reports().get(0);
                assertEquals(1, report.unetLayers());
                assertEquals(List.of("lora_unet_not_a_layer.alpha", "lora_unet_not_a_layer.lora_down.weight",
                        "lora_unet_not_a_layer.lora_up.weight"), report.unknownKeys());
                assertEquals(List.of("odd.safetensors: 3 keys match no layer of this model and were ignored (e.g."
                        + " lora_unet_not_a_layer.alpha, lora_unet_not_a_layer.lora_down.weight,"
                        + " lora_unet_not_a_layer.lora_up.weight)"), report.warnings());
                r.lease().close();
            }
        }
    }

    @Test
    void textEncoderKeysAreSkippedNotReportedWhenNoClipIsPatched() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 0);
             SharedModel<LoraFile> lora = f.lora("a.safetensors", SyntheticLora.ATTENTION, k -> true, 1)) {
            LoraPatcher.Result r = patcher.apply(f.unet, null, List.of(new LoraPatcher.Request(lora, 1, 1)));
            LoraReport report = r.reports().get(0);
            assertEquals(List.of(), report.warnings());
            assertEquals(2 * 6 * 3, report.textEncoderKeysSkipped()); // 2 layers x 6 projections x (up, down, alpha)
            assertEquals(null, r.text());
            r.lease().close();
        }
    }

    @Test
    void peftPairsWithoutAlphaHaveScaleOneAndDiffusersUnderscoreFamilyIsRead() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 0)) {
            Map<String, long[]> t = new LinkedHashMap<>();
            String peft = "unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor.to_q";
            t.put(peft + ".lora_B.weight", new long[] {32, 2});
            t.put(peft + ".lora_A.weight", new long[] {2, 32});
            String diffusers = "unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor.to_k";
            t.put(diffusers + "_lora.up.weight", new long[] {32, 2});
            t.put(diffusers + "_lora.down.weight", new long[] {2, 32});
            try (SharedModel<LoraFile> lora = f.raw("peft.safetensors", t)) {
                LoraMatcher.Layers layers = LoraMatcher.match(lora.value(), unetMap(f),
                        target -> f.unetShapes.get(target.key()), false);
                assertEquals(2, layers.report().unetLayers());
                layers.of(LoraTarget.Part.UNET).values().forEach(a -> assertEquals(1.0, a.scale()));
                assertTrue(layers.report().unknownKeys().isEmpty());
            }
        }
    }

    @Test
    void loconTuckerCoreGivesComfyUisProductOfUpCoreAndDown() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture()) {
            String stem = "lora_unet_down_blocks_0_resnets_0_conv1";
            Map<String, long[]> t = new LinkedHashMap<>();
            t.put(stem + ".lora_up.weight", new long[] {32, 3, 1, 1});
            t.put(stem + ".lora_down.weight", new long[] {3, 32, 1, 1});
            t.put(stem + ".lora_mid.weight", new long[] {3, 3, 3, 3});
            try (SharedModel<LoraFile> lora = f.raw("locon.safetensors", t)) {
                LoraMatcher.Layers layers = LoraMatcher.match(lora.value(), unetMap(f),
                        target -> f.unetShapes.get(target.key()), false);
                LoraAdapter a = layers.of(LoraTarget.Part.UNET).get("input_blocks.1.0.in_layers.2.weight");
                float[] up = lora.value().tensor(stem + ".lora_up.weight").orElseThrow().toFloatArray();
                float[] down = lora.value().tensor(stem + ".lora_down.weight").orElseThrow().toFloatArray();
                float[] mid = lora.value().tensor(stem + ".lora_mid.weight").orElseThrow().toFloatArray();
                float[] expected = new float[32 * 32 * 9];
                for (int o = 0; o < 32; o++) {
                    for (int i = 0; i < 32; i++) {
                        for (int yx = 0; yx < 9; yx++) {
                            double s = 0;
                            for (int p = 0; p < 3; p++) {
                                for (int b = 0; b < 3; b++) {
                                    s += up[o * 3 + p] * mid[(p * 3 + b) * 9 + yx] * down[b * 32 + i];
                                }
                            }
                            expected[(o * 32 + i) * 9 + yx] = (float) s;
                        }
                    }
                }
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray delta = a.delta(new ai.djl.ndarray.types.Shape(32, 32, 3, 3));
                    assertArrayEquals(expected, delta.toFloatArray(), 1e-5f);
                }
                assertEquals(1.0, a.scale(), "no alpha");
            }
        }
    }

    @Test
    void lohaOnlyFilesAreRefusedNamingLoHa() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture()) {
            Map<String, long[]> t = new LinkedHashMap<>();
            for (String part : List.of("hada_w1_a", "hada_w1_b", "hada_w2_a", "hada_w2_b")) {
                t.put(Q + "." + part, new long[] {4, 4});
            }
            try (SharedModel<LoraFile> lora = f.raw("loha.safetensors", t)) {
                ModelLoadException e = assertThrows(ModelLoadException.class, () -> LoraMatcher.match(lora.value(),
                        unetMap(f), target -> f.unetShapes.get(target.key()), false));
                assertTrue(e.getMessage().startsWith("loha.safetensors holds LoHa layers (LyCORIS), which Weft does not"
                        + " apply yet"), e.getMessage());
            }
        }
    }

    @Test
    void doraLayersAreLeftUnpatchedAndNamedWhileOtherLayersApply() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture()) {
            Map<String, long[]> t = lowRank(Q, 32, 32, 4);
            String k = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_k";
            t.putAll(lowRank(k, 32, 32, 4));
            t.put(k + ".dora_scale", new long[] {32, 1});
            try (SharedModel<LoraFile> lora = f.raw("dora.safetensors", t)) {
                LoraMatcher.Layers layers = LoraMatcher.match(lora.value(), unetMap(f),
                        target -> f.unetShapes.get(target.key()), false);
                assertEquals(List.of(TO_Q), List.copyOf(layers.of(LoraTarget.Part.UNET).keySet()));
                assertEquals(List.of("dora.safetensors: 1 layer uses DoRA (dora_scale), which Weft does not apply yet;"
                        + " it was left unpatched"), layers.report().warnings());
            }
        }
    }

    @Test
    void layersOfAnotherArchitectureAreReportedAsMisfits() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture()) {
            try (SharedModel<LoraFile> lora = f.raw("sdxl.safetensors", lowRank(Q, 640, 640, 4))) {
                LoraMatcher.Layers layers = LoraMatcher.match(lora.value(), unetMap(f),
                        target -> f.unetShapes.get(target.key()), false);
                assertTrue(layers.adapters().isEmpty());
                assertEquals(List.of(Q + ": LoRA [640, 4] x [4, 640], weight [32, 32]"), layers.report().mismatches());
                assertTrue(layers.report().warnings().get(1).equals("sdxl.safetensors changed no weight of this model"));
            }
        }
    }

    @Test
    void aCheckpointGivenAsALoraIsRefusedByName() throws Exception {
        Path ckpt = tmp.resolve("v1-5.safetensors");
        var clip = SyntheticCheckpoint.tinyClip();
        SyntheticCheckpoint.write(ckpt, SyntheticCheckpoint.shapes(SyntheticCheckpoint.tinyUnet(clip.hiddenSize()), clip,
                SyntheticCheckpoint.tinyVae()), DType.F16, 1);
        try (TinyPatchFixture f = new TinyPatchFixture()) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> LoraFile.load(ckpt, f.manager));
            assertEquals("v1-5.safetensors is a Stable Diffusion 1.x checkpoint, not a LoRA: put it in models/checkpoints"
                    + " and load it with Load Checkpoint", e.getMessage());
        }
    }

    /** kohya tensors of one linear layer. */
    private static Map<String, long[]> lowRank(String stem, long out, long in, long rank) {
        Map<String, long[]> t = new LinkedHashMap<>();
        t.put(stem + ".lora_up.weight", new long[] {out, rank});
        t.put(stem + ".lora_down.weight", new long[] {rank, in});
        t.put(stem + ".alpha", new long[] {1});
        return t;
    }

    private static LoraKeyMap unetMap(TinyPatchFixture f) {
        return LoraKeyMap.forUnet(TinyPatchFixture.CONFIG, f.unetShapes.keySet());
    }
}
