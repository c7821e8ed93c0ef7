package dev.weft.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSpecTest {

    private static List<String> names(WidgetLayout l) {
        return l.slots().stream().map(WidgetSlot::name).toList();
    }

    @Test
    void toJsonGivesBackExactlyTheParsedEntry() {
        for (String type : TestSpecs.objectInfo().keySet()) {
            JsonObject entry = TestSpecs.objectInfo().getAsJsonObject(type);
            assertEquals(entry, NodeSpec.parse(type, entry).toJson(), type);
        }
    }

    @Test
    void kSamplerInputsFollowInputOrderWithTypesAndOptions() {
        NodeSpec k = TestSpecs.spec("KSampler");
        assertEquals(List.of("model", "seed", "steps", "cfg", "sampler_name", "scheduler", "positive", "negative",
                "latent_image", "denoise"), k.inputs().stream().map(InputSpec::name).toList());
        InputSpec cfg = k.input("cfg").orElseThrow();
        assertEquals("FLOAT", cfg.type());
        assertEquals(8.0, cfg.defaultValue().orElseThrow().getAsDouble());
        assertEquals(0.0, cfg.min().getAsDouble());
        assertEquals(100.0, cfg.max().getAsDouble());
        assertEquals(0.1, cfg.step().getAsDouble());
        assertEquals(0.01, cfg.round().getAsDouble());
        InputSpec seed = k.input("seed").orElseThrow();
        assertEquals("18446744073709551615", seed.option("max").orElseThrow().getAsString(), "max kept exactly");
        assertEquals("COMBO", k.input("sampler_name").orElseThrow().type());
        assertEquals("euler", k.input("sampler_name").orElseThrow().stringChoices().get(0));
        assertFalse(k.input("model").orElseThrow().isWidget());
        assertEquals("The model used for denoising the input latent.", k.input("model").orElseThrow().tooltip().orElseThrow());
        assertEquals(List.of("LATENT"), k.outputs().stream().map(OutputSpec::type).toList());
        assertEquals("The denoised latent.", k.outputs().get(0).tooltip());
        assertEquals("sampling", k.category());
        assertFalse(k.outputNode());
    }

    @Test
    void kSamplerWidgetLayoutPutsTheSeedControlRightAfterTheSeed() {
        WidgetLayout l = TestSpecs.spec("KSampler").widgetLayout();
        assertEquals(List.of("seed", "control_after_generate", "steps", "cfg", "sampler_name", "scheduler", "denoise"), names(l));
        WidgetSlot control = l.slots().get(1);
        assertEquals(WidgetKind.CONTROL_AFTER_GENERATE, control.kind());
        assertFalse(control.serialize());
        assertEquals("randomize", control.defaultValue().getAsString());
        assertEquals(3, l.indexOf("cfg"));
        assertEquals(1, l.controlFor(0).orElseThrow().index());
        assertEquals("[0,\"randomize\",20,8.0,\"euler\",\"simple\",1.0]", l.defaultValues().toString());
    }

    @Test
    void imageUploadComboGetsAnUnserializedUploadWidgetStoringImage() {
        WidgetLayout l = TestSpecs.spec("LoadImage").widgetLayout();
        assertEquals(List.of("image", "upload"), names(l));
        assertEquals(WidgetKind.UPLOAD, l.slots().get(1).kind());
        assertEquals("image", l.slots().get(1).defaultValue().getAsString());
        assertFalse(l.slots().get(1).serialize());
    }

    @Test
    void v3ComboCustomWidgetForceInputAndSeedNameFallback() {
        NodeSpec s = TestSpecs.spec("PickStyle");
        InputSpec style = s.input("style").orElseThrow();
        assertEquals("COMBO", style.type());
        assertEquals(List.of("watercolor", "ink", "oil"), style.stringChoices());
        assertEquals("increment", style.controlAfterGenerate().orElseThrow());
        assertTrue(s.input("points").orElseThrow().isWidget(), "widgetType makes a widget");
        assertFalse(s.input("scale").orElseThrow().isWidget(), "forceInput makes a socket");
        assertEquals(JsonParser.parseString("{\"x\": 1}"), s.input("note").orElseThrow().option("some_future_key").orElseThrow(), "unknown option keys kept");
        // required widgets, then optional ones; the optional INT named seed gets a control by name
        assertEquals(List.of("style", "control_after_generate", "control_filter_list", "points", "note", "seed",
                "control_after_generate"), names(s.widgetLayout()));
        assertEquals("increment", s.widgetLayout().slots().get(1).defaultValue().getAsString());
        assertEquals("", s.widgetLayout().slots().get(2).defaultValue().getAsString());
        assertEquals(List.of("IMAGE", "COMBO"), s.outputs().stream().map(OutputSpec::type).toList());
        assertEquals("CHOICE", s.outputs().get(1).name());
        assertTrue(s.outputs().get(1).isList());
        assertTrue(s.experimental());
        assertFalse(s.deprecated());
    }

    @Test
    void hiddenInputsAreNeitherSocketsNorWidgets() {
        NodeSpec s = TestSpecs.spec("SaveImage");
        InputSpec prompt = s.input("prompt").orElseThrow();
        assertEquals(InputSection.HIDDEN, prompt.section());
        assertEquals("PROMPT", prompt.type());
        assertFalse(prompt.isWidget());
        assertEquals(List.of("filename_prefix"), names(s.widgetLayout()));
        assertTrue(s.outputNode());
        assertEquals(List.of("images"), s.instantiate(1, new Point(0, 0)).inputs().stream().map(InputSlot::name).toList());
    }

    @Test
    void controlAfterGenerateFalseSuppressesTheSeedFallback() {
        NodeSpec s = NodeSpec.parse("X", JsonParser.parseString(
                "{\"input\":{\"required\":{\"seed\":[\"INT\",{\"control_after_generate\":false}]}}}").getAsJsonObject());
        assertEquals(List.of("seed"), names(s.widgetLayout()));
        assertEquals("X", s.displayName(), "display name falls back to the class type");
    }

    @Test
    void instantiateMakesSocketsOutputsAndDefaultWidgets() {
        Node n = TestSpecs.spec("KSampler").instantiate(7, new Point(10, 20));
        assertEquals(7, n.id());
        assertEquals("KSampler", n.type());
        assertEquals(List.of("model", "positive", "negative", "latent_image"), n.inputs().stream().map(InputSlot::name).toList());
        assertEquals("LATENT", n.outputs().get(0).type());
        assertEquals(7, n.widgetList().size());
        assertEquals(new JsonPrimitive("KSampler"), n.properties().get("Node name for S&R"));
        assertNull(TestSpecs.spec("VAEDecode").instantiate(1, new Point(0, 0)).widgetValues(), "no widgets, no widgets_values");
        assertEquals(20, n.widgetValue(TestSpecs.spec("KSampler"), "steps").orElseThrow().getAsInt());
    }

    @Test
    void malformedEntryIsRefusedWithTheNodeAndInputNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeSpec.parse("Bad",
                JsonParser.parseString("{\"input\":{\"required\":{\"x\":{\"a\":1}}}}").getAsJsonObject()));
        assertTrue(e.getMessage().contains("Bad") && e.getMessage().contains("'x'"), e.getMessage());
    }
}
