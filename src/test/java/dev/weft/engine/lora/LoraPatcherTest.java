package dev.weft.engine.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.unet.ConvWeights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Non-destructive LoRA patching: the arithmetic, composition, re-use of unchanged keys and freeing. */
class LoraPatcherTest {
    private static final String TO_Q = "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight";
    private static final String CONV1 = "input_blocks.1.0.in_layers.2.weight";
    private static final String CLIP_Q = "encoder.layers.0.self_attn.q_proj.weight";

    @Test
    void patchedWeightsAreBasePlusStrengthTimesAlphaOverRankTimesUpDownAndPackedKernelsStayPacked() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 0);
             SharedModel<LoraFile> lora = f.lora("a.safetensors", SyntheticLora.ATTENTION.or(SyntheticLora.RESNET_CONVS),
                     k -> true, 1)) {
            LoraPatcher.Result r = patcher.apply(f.unet, f.text, List.of(new LoraPatcher.Request(lora, 0.7, -1.3)));
            try (AutoCloseable lease = r.lease()) {
                String q = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
                assertArrayEquals(expected(f.unetWeights.get(TO_Q), lora.value(), q, 0.7),
                        TinyPatchFixture.values(r.unet().weights().get(TO_Q)), 1e-6f);
                String conv = "lora_unet_down_blocks_0_resnets_0_conv1";
                NDArray patchedConv = r.unet().weights().get(CONV1);
                assertTrue(ConvWeights.isPacked(patchedConv), "a patched kernel is packed again like its base");
                assertArrayEquals(expected(f.unetWeights.get(CONV1), lora.value(), conv, 0.7),
                        TinyPatchFixture.values(patchedConv), 1e-6f);
                assertArrayEquals(expected(f.clipWeights.get(CLIP_Q), lora.value(),
                        "lora_te_text_model_encoder_layers_0_self_attn_q_proj", -1.3),
                        TinyPatchFixture.values(r.text().weights().get(CLIP_Q)), 1e-6f);
                String norm = "input_blocks.1.0.in_layers.0.weight";
                assertSame(f.unetWeights.get(norm), r.unet().weights().get(norm), "untouched keys are the base arrays");
            }
        }
    }

    @Test
    void baseWeightsAreBitIdenticalAfterPatchingChangingAStrengthAndRemovingThePatch() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 1L << 30);
             SharedModel<LoraFile> lora = f.lora("a.safetensors", SyntheticLora.ATTENTION.or(SyntheticLora.RESNET_CONVS),
                     k -> true, 1)) {
            Map<String, float[]> before = f.snapshot();
            for (double s : new double[] {1.0, -0.4, 2.5}) {
                patcher.apply(f.unet, f.text, List.of(new LoraPatcher.Request(lora, s, s))).lease().close();
            }
            Map<String, float[]> after = f.snapshot();
            assertEquals(before.keySet(), after.keySet());
            before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k)); // exact, element by element
        }
    }

    @Test
    void chainingTwoLoraNodesEqualsOneStackOfBothAndReusesTheFirstNodesTensors() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 1L << 30);
             SharedModel<LoraFile> a = f.lora("a.safetensors", SyntheticLora.ATTENTION, k -> true, 1);
             SharedModel<LoraFile> b = f.lora("b.safetensors", SyntheticLora.ATTENTION, k -> k.contains("layers.1."), 2)) {
            LoraPatcher.Result first = patcher.apply(f.unet, f.text, List.of(new LoraPatcher.Request(a, 0.8, 0.6)));
            LoraPatcher.Result chained = patcher.apply(first.unet(), first.text(),
                    List.of(new LoraPatcher.Request(b, -0.5, 0.9)));
            try (TinyPatchFixture g = new TinyPatchFixture(); LoraPatcher fresh = new LoraPatcher(g.manager, 0)) {
                LoraPatcher.Result stacked = fresh.apply(g.unet, g.text,
                        List.of(new LoraPatcher.Request(a, 0.8, 0.6), new LoraPatcher.Request(b, -0.5, 0.9)));
                for (String k : f.unetWeights.keys()) {
                    assertArrayEquals(TinyPatchFixture.values(stacked.unet().weights().get(k)),
                            TinyPatchFixture.values(chained.unet().weights().get(k)), 0f, k);
                }
                for (String k : f.clipWeights.keys()) {
                    assertArrayEquals(TinyPatchFixture.values(stacked.text().weights().get(k)),
                            TinyPatchFixture.values(chained.text().weights().get(k)), 0f, k);
                }
                stacked.lease().close();
            }
            // b touches no CLIP layer 0 key and all UNet attention keys: the CLIP layer-0 keys were reused
            LoraWeights chainedText = (LoraWeights) chained.text().weights();
            assertSame(first.text().weights().get(CLIP_Q), chainedText.get(CLIP_Q));
            chained.lease().close();
            first.lease().close();
        }
    }

    @Test
    void changingOnlyTheModelStrengthRecomputesOnlyUnetKeys() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 1L << 30);
             SharedModel<LoraFile> a = f.lora("a.safetensors", SyntheticLora.ATTENTION, k -> true, 1)) {
            LoraPatcher.Result r1 = patcher.apply(f.unet, f.text, List.of(new LoraPatcher.Request(a, 1.0, 1.0)));
            int unetKeys = ((LoraWeights) r1.unet().weights()).patchedKeys().size();
            int clipKeys = ((LoraWeights) r1.text().weights()).patchedKeys().size();
            assertEquals(unetKeys + clipKeys, patcher.stats().computedKeys());
            r1.lease().close(); // the executor evicts the old output before the node runs again
            LoraPatcher.Result r2 = patcher.apply(f.unet, f.text, List.of(new LoraPatcher.Request(a, 0.5, 1.0)));
            assertEquals(unetKeys + clipKeys + unetKeys, patcher.stats().computedKeys());
            assertEquals(clipKeys, patcher.stats().reusedKeys());
            r2.lease().close();
        }
    }

    @Test
    void removingOneRowRecomputesOnlyTheKeysItSharedWithOtherRows() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 1L << 30);
             SharedModel<LoraFile> a = f.lora("a.safetensors", d -> d.startsWith("down_blocks") && SyntheticLora.ATTENTION.test(d),
                     k -> k.contains("layers.0."), 1);
             SharedModel<LoraFile> b = f.lora("b.safetensors", d -> d.startsWith("up_blocks") && SyntheticLora.ATTENTION.test(d),
                     k -> false, 2);
             SharedModel<LoraFile> c = f.lora("c.safetensors", d -> d.startsWith("up_blocks.1") && SyntheticLora.ATTENTION.test(d),
                     k -> k.contains("layers.1."), 3)) {
            LoraPatcher.Result all = patcher.apply(f.unet, f.text, List.of(new LoraPatcher.Request(a, 1, 1),
                    new LoraPatcher.Request(b, 1, 1), new LoraPatcher.Request(c, 1, 1)));
            long computed = patcher.stats().computedKeys();
            all.lease().close();
            LoraPatcher.Result withoutB = patcher.apply(f.unet, f.text,
                    List.of(new LoraPatcher.Request(a, 1, 1), new LoraPatcher.Request(c, 1, 1)));
            long sharedBC = SyntheticLora.unetLayers(TinyPatchFixture.CONFIG, f.unetShapes,
                    d -> d.startsWith("up_blocks.1") && SyntheticLora.ATTENTION.test(d)).size();
            assertTrue(sharedBC > 0);
            // keys only b touched fall back to the base; keys b shared with c are recomputed; the rest is reused
            assertEquals(computed + sharedBC, patcher.stats().computedKeys());
            withoutB.lease().close();
        }
    }

    @Test
    void closedLeasesFreeTheirTensorsBeyondTheIdleBudget() throws Exception {
        try (TinyPatchFixture f = new TinyPatchFixture(); LoraPatcher patcher = new LoraPatcher(f.manager, 0);
             SharedModel<LoraFile> a = f.lora("a.safetensors", SyntheticLora.ATTENTION, k -> true, 1)) {
            LoraPatcher.Result r = patcher.apply(f.unet, f.text, List.of(new LoraPatcher.Request(a, 1, 1)));
            assertTrue(patcher.stats().heldBytes() > 0);
            r.lease().close();
            assertEquals(0, patcher.stats().heldBytes());
            assertTrue(a.alive(), "the caller's own handle keeps the LoRA file");
        }
    }

    /** W + float32(strength * alpha / rank) * (up @ down), computed in plain Java. */
    private static float[] expected(NDArray base, LoraFile lora, String stem, double strength) {
        float[] w = TinyPatchFixture.values(base);
        NDArray upA = lora.tensor(stem + ".lora_up.weight").orElseThrow();
        NDArray downA = lora.tensor(stem + ".lora_down.weight").orElseThrow();
        float[] up = upA.toFloatArray();
        float[] down = downA.toFloatArray();
        int out = (int) upA.getShape().get(0);
        int rank = (int) downA.getShape().get(0);
        int in = down.length / rank;
        float factor = (float) (strength * lora.scalar(stem + ".alpha").orElseThrow() / rank);
        float[] result = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                float d = 0;
                for (int r = 0; r < rank; r++) {
                    d += up[o * rank + r] * down[r * in + i];
                }
                result[o * in + i] = w[o * in + i] + factor * d;
            }
        }
        return result;
    }
}
