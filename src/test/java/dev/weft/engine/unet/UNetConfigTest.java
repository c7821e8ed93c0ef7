package dev.weft.engine.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UNetConfigTest {
    /** SDXL base as ComfyUI's supported_models.SDXL describes it. */
    static UNetConfig sdxl() {
        return new UNetConfig(4, 4, 320, List.of(1, 2, 4), List.of(2, 2, 2), List.of(0, 0, 2, 2, 10, 10),
                List.of(0, 0, 0, 2, 2, 2, 10, 10, 10), 10, 2048, true, 2816, true, AttentionHeads.SD2_SDXL);
    }

    @Test
    void detectingTheShapesOfSd15GivesBackTheSd15ConfigWithEightHeads() {
        Map<String, long[]> shapes = ParameterShapes.unet(UNetConfig.sd15());
        assertEquals(UNetConfig.sd15(), UNetConfig.detect(shapes));
        assertEquals(686, shapes.size(), "an SD 1.5 checkpoint has 686 UNet tensors");
    }

    @Test
    void detectingSdxlShapesFindsAdmLinearProjectionsAndSixtyFourChannelHeads() {
        UNetConfig c = UNetConfig.detect(ParameterShapes.unet(sdxl()));
        assertEquals(sdxl(), c);
        assertEquals(10, c.heads().headsFor(640));
        assertEquals(20, c.heads().headsFor(1280));
    }

    @Test
    void outputDepthsAreStoredInComfyOrderAndReadInExecutionOrder() {
        UNetConfig c = UNetConfig.sd15();
        assertEquals(0, c.outputTransformerDepth(0), "output block 0 is at the coarsest level: no attention");
        assertEquals(1, c.outputTransformerDepth(3));
        assertEquals(1, c.outputTransformerDepth(11));
    }

    @Test
    void aControlNetEncoderHasNoDecoder() {
        ControlNetConfig cn = new ControlNetConfig(UNetConfig.sd15(), 3);
        Map<String, long[]> shapes = ParameterShapes.controlNet(cn);
        assertTrue(shapes.containsKey("zero_convs.11.0.weight"));
        assertFalse(shapes.keySet().stream().anyMatch(k -> k.startsWith("output_blocks.")));
        ControlNetConfig detected = ControlNetConfig.detect(shapes, AttentionHeads.SD1);
        assertEquals(3, detected.hintChannels());
        assertFalse(detected.encoder().hasDecoder());
        assertEquals(UNetConfig.sd15().transformerDepth(), detected.encoder().transformerDepth());
    }

    @Test
    void nonUNetWeightsAreRefusedNamingTheMissingKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UNetConfig.detect(Map.of("model.diffusion_model.input_blocks.0.0.weight", new long[] {320, 4, 3, 3})));
        assertTrue(e.getMessage().contains("input_blocks.0.0.weight"), e.getMessage());
        IllegalArgumentException cn = assertThrows(IllegalArgumentException.class,
                () -> ControlNetConfig.detect(ParameterShapes.unet(UNetConfig.sd15()), AttentionHeads.SD1));
        assertTrue(cn.getMessage().contains("input_hint_block"), cn.getMessage());
    }

    @Test
    void headRuleIsEitherACountOrAWidth() {
        assertEquals(8, AttentionHeads.SD1.headsFor(1280));
        assertEquals(5, AttentionHeads.width(64).headsFor(320));
        assertEquals(AttentionHeads.count(2), AttentionHeads.fromComfy(2, -1));
        assertEquals(AttentionHeads.width(16), AttentionHeads.fromComfy(-1, 16));
        assertThrows(IllegalArgumentException.class, () -> new AttentionHeads(8, 64));
        assertThrows(IllegalArgumentException.class, () -> AttentionHeads.width(64).headsFor(100));
        assertEquals(AttentionHeads.SD1, AttentionHeads.familyDefault(false, 0));
        assertEquals(AttentionHeads.SD2_SDXL, AttentionHeads.familyDefault(true, 0));
    }

    @Test
    void layoutOfSd15HasTwelveSkipsAndUpsamplersAfterTheAttentionWhereThereIsOne() {
        UNetLayout l = UNetLayout.of(UNetConfig.sd15());
        assertEquals(12, l.input().size());
        assertEquals(12, l.output().size());
        assertEquals(UNetLayout.InputKind.DOWNSAMPLE, l.input().get(3).kind());
        assertEquals(1, l.output().get(2).upsampleAt(), "level 3 has no attention: Upsample is layer 1");
        assertEquals(2, l.output().get(5).upsampleAt());
        assertEquals(-1, l.output().get(11).upsampleAt());
        assertEquals(1280 + 1280, l.output().get(0).inChannels() + l.output().get(0).skipChannels());
        assertEquals(640 + 320, l.output().get(9).inChannels() + l.output().get(9).skipChannels());
        assertEquals(1280, l.middle().channels());
    }
}
