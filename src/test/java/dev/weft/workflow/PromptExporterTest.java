package dev.weft.workflow;

import static dev.weft.workflow.JsonEquality.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.InputSlot;
import dev.weft.graph.Node;
import dev.weft.graph.NodeMode;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.OutputSlot;
import dev.weft.graph.Point;
import dev.weft.graph.Size;
import dev.weft.graph.TestSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptExporterTest {
    private static final NodeSpecs SPECS = TestSpecs.all();
    private static final PromptExporter.Options COMFY = PromptExporter.Options.forComfyUi().withRandom(() -> 0.0);

    private static Graph load(String name) throws WorkflowException {
        return UiWorkflowReader.fromJson(Resources.json(name), name).graph();
    }

    private static JsonObject export(Graph g) throws WorkflowException {
        return PromptExporter.export(g, SPECS, COMFY).toJson();
    }

    private static JsonObject parse(String json) throws WorkflowException {
        return JsonIo.parse(json, "expected").getAsJsonObject();
    }

    @Test
    void referenceWorkflowExportsToTheReferencePromptWithTitles() throws Exception {
        assertJsonEquals(Resources.json("reference-1a.api.json"), export(load("reference-1a.json")));
    }

    @Test
    void theSeedControlWidgetIsNotSentButTheSeedIs() throws Exception {
        JsonObject sampler = export(load("reference-1a.json")).getAsJsonObject("3").getAsJsonObject("inputs");
        assertFalse(sampler.has("control_after_generate"));
        assertEquals(123456789, sampler.get("seed").getAsInt());
    }

    @Test
    void aBypassedLoraLoaderIsLeftOutAndItsWiresPassThroughByType() throws Exception {
        // bypass.json is reference-1a with a LoraLoader, bypassed, between the checkpoint and the
        // KSampler's model and both prompts' clip; the hand-computed prompt is the reference one
        assertJsonEquals(Resources.json("reference-1a.api.json"), export(load("bypass.json")));
    }

    @Test
    void bypassPrefersTheSameIndexThenSearchesByTypeAndDropsWhenNothingMatches() throws Exception {
        Graph g = load("reference-1a.json");
        // a bypassed custom node whose MODEL input is not at the index of its MODEL output
        Node swap = Node.create(20, "Swap", new Point(0, 0), new Size(100, 60))
                .withInputs(List.of(InputSlot.socket("c", "CLIP"), InputSlot.socket("m", "MODEL")))
                .withOutputs(List.of(OutputSlot.of("MODEL", "MODEL")))
                .withMode(NodeMode.BYPASS);
        g.apply(new GraphEdit.AddNode(swap));
        g.apply(new GraphEdit.Connect(4, 1, 20, "c"));
        g.apply(new GraphEdit.Connect(4, 0, 20, "m"));
        g.apply(new GraphEdit.Connect(20, 0, 3, "model"));
        // VAEDecode bypassed: SaveImage wants IMAGE, VAEDecode has no IMAGE input
        g.apply(new GraphEdit.SetMode(8, NodeMode.BYPASS));
        JsonObject p = export(g);
        assertEquals("[\"4\",0]", p.getAsJsonObject("3").getAsJsonObject("inputs").get("model").toString());
        assertFalse(p.has("20"));
        assertFalse(p.has("8"));
        assertEquals(parse("{\"filename_prefix\": \"ComfyUI\"}"), p.getAsJsonObject("9").getAsJsonObject("inputs"));
    }

    @Test
    void aMutedNodeIsLeftOutAndInputsFromItAreDeleted() throws Exception {
        Graph g = load("reference-1a.json");
        g.apply(new GraphEdit.SetMode(5, NodeMode.NEVER));
        JsonObject p = export(g);
        assertFalse(p.has("5"));
        JsonObject sampler = p.getAsJsonObject("3").getAsJsonObject("inputs");
        assertFalse(sampler.has("latent_image"));
        assertTrue(sampler.has("positive"));
    }

    @Test
    void reroutesPassWiresAndPrimitiveNodesPushTheirValuesIntoWidgets() throws Exception {
        assertJsonEquals(parse("""
                {"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"},
                       "_meta": {"title": "Load Checkpoint"}},
                 "3": {"class_type": "KSampler", "inputs": {"seed": 42, "steps": 20, "cfg": 6.5, "sampler_name": "euler",
                       "scheduler": "normal", "denoise": 1, "model": ["1", 0]}, "_meta": {"title": "KSampler"}}}"""),
                export(load("virtual-nodes.json")));
    }

    @Test
    void arrayWidgetValuesAreWrappedAsValueObjects() throws Exception {
        Graph g = new Graph();
        Node n = SPECS.find("PickStyle").orElseThrow().instantiate(1, new Point(0, 0));
        g.apply(new GraphEdit.AddNode(n));
        g.apply(new GraphEdit.SetWidgetValue(1, 3, JsonIo.parse("[[0, 0], [5, 5]]", "v")));
        JsonObject inputs = export(g).getAsJsonObject("1").getAsJsonObject("inputs");
        assertEquals(parse("{\"__value__\": [[0, 0], [5, 5]]}"), inputs.get("points"));
        assertEquals(List.of("style", "points", "note", "seed"), List.copyOf(inputs.keySet()),
                "control and filter widgets are not sent; forceInput 'scale' is a socket");
    }

    @Test
    void loraStackExpandsIntoAChainOfLoraLoadersForEnabledRows() throws Exception {
        JsonObject p = export(load("lora-stack.json"));
        assertJsonEquals(parse("""
                {"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"},
                       "_meta": {"title": "Load Checkpoint"}},
                 "2:0": {"class_type": "LoraLoader", "inputs": {"lora_name": "a.safetensors", "strength_model": 0.8,
                         "strength_clip": 0.7, "model": ["1", 0], "clip": ["1", 1]}, "_meta": {"title": "Styles [0]"}},
                 "2:2": {"class_type": "LoraLoader", "inputs": {"lora_name": "c.safetensors", "strength_model": 1,
                         "strength_clip": 1, "model": ["2:0", 0], "clip": ["2:0", 1]}, "_meta": {"title": "Styles [2]"}},
                 "3": {"class_type": "KSampler", "inputs": {"seed": 7, "steps": 20, "cfg": 8, "sampler_name": "euler",
                       "scheduler": "normal", "denoise": 1, "model": ["2:2", 0]}, "_meta": {"title": "KSampler"}},
                 "4": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["2:2", 1]},
                       "_meta": {"title": "CLIP Text Encode (Prompt)"}}}"""), p);
    }

    @Test
    void aLoraStackWithoutClipBecomesModelOnlyLoaders() throws Exception {
        Graph g = load("lora-stack.json");
        g.apply(new GraphEdit.Disconnect(2));
        JsonObject p = export(g);
        assertEquals("LoraLoaderModelOnly", p.getAsJsonObject("2:0").get("class_type").getAsString());
        assertEquals(parse("{\"lora_name\": \"a.safetensors\", \"strength_model\": 0.8, \"model\": [\"1\", 0]}"),
                p.getAsJsonObject("2:0").getAsJsonObject("inputs"));
        assertFalse(p.getAsJsonObject("4").getAsJsonObject("inputs").has("clip"), "nothing feeds the CLIP output");
    }

    @Test
    void aLoraStackWithNoEnabledRowPassesItsInputsThrough() throws Exception {
        Graph g = load("lora-stack.json");
        g.apply(new GraphEdit.SetWidgetValue(2, 0, new JsonArray()));
        JsonObject p = export(g);
        assertFalse(p.has("2") || p.has("2:0"));
        assertEquals("[\"1\",0]", p.getAsJsonObject("3").getAsJsonObject("inputs").get("model").toString());
        assertEquals("[\"1\",1]", p.getAsJsonObject("4").getAsJsonObject("inputs").get("clip").toString());
    }

    @Test
    void forWeftTheLoraStackStaysWithItsRowsWrapped() throws Exception {
        JsonObject p = PromptExporter.export(load("lora-stack.json"), SPECS, PromptExporter.Options.forWeft()).toJson();
        JsonObject stack = p.getAsJsonObject("2");
        assertEquals("LoraStack", stack.get("class_type").getAsString());
        JsonArray rows = stack.getAsJsonObject("inputs").getAsJsonObject("loras").getAsJsonArray("__value__");
        assertEquals(3, rows.size());
        assertEquals(3, LoraStack.rows(stack.getAsJsonObject("inputs").get("loras"), "x").size());
        assertEquals("[\"2\",0]", p.getAsJsonObject("3").getAsJsonObject("inputs").get("model").toString());
    }

    @Test
    void aLoraRowWithoutANameIsAnErrorNamingTheNodeAndRow() throws Exception {
        Graph g = load("lora-stack.json");
        g.apply(new GraphEdit.SetWidgetValue(2, 0, JsonIo.parse("[{\"name\": \"\"}]", "v")));
        WorkflowException e = assertThrows(WorkflowException.class, () -> export(g));
        assertEquals("node 2 (LoraStack): LoRA row 0 has no file name; pick a LoRA or delete the row", e.getMessage());
    }

    @Test
    void dynamicPromptsAreResolvedInTextWidgetsThatAskForIt() throws Exception {
        Graph g = load("reference-1a.json");
        g.apply(new GraphEdit.SetWidgetValue(6, 0, new JsonPrimitive("a {red|blue} boat // note to self")));
        g.apply(new GraphEdit.SetWidgetValue(9, 0, new JsonPrimitive("{keep|this}")));
        JsonObject p = PromptExporter.export(g, SPECS, PromptExporter.Options.forComfyUi().withRandom(() -> 0.7)).toJson();
        assertEquals("a blue boat ", p.getAsJsonObject("6").getAsJsonObject("inputs").get("text").getAsString());
        assertEquals("{keep|this}", p.getAsJsonObject("9").getAsJsonObject("inputs").get("filename_prefix").getAsString(),
                "filename_prefix has no dynamicPrompts");
        assertEquals("a {red|blue} boat // note to self", g.requireNode(6).widgetValue(0).orElseThrow().getAsString(),
                "the workflow keeps the raw text");
    }

    @Test
    void unknownTypesExportLinksByNameAndObjectWidgetsByKey() throws Exception {
        Graph g = load("unknown-node.json");
        g.apply(new GraphEdit.SetMode(2, NodeMode.ALWAYS));
        assertJsonEquals(parse("""
                {"1": {"class_type": "MysteryLoader", "inputs": {"path": "x/y.bin", "opts": {"a": [1, 2]}, "n": null},
                       "_meta": {"title": "My loader"}},
                 "2": {"class_type": "MysteryProcessor", "inputs": {"thing": ["1", 0]}, "_meta": {"title": "MysteryProcessor"}}}"""),
                export(g));
    }

    @Test
    void aShortWidgetsValuesTakesSpecDefaults() throws Exception {
        Graph g = load("reference-1a.json");
        Node sampler = g.requireNode(3);
        JsonArray shortValues = new JsonArray();
        shortValues.add(5);
        g.apply(new GraphEdit.Compound(List.of(new GraphEdit.RemoveNode(3),
                new GraphEdit.AddNode(sampler.withInputs(sampler.inputs().stream().map(i -> i.withLink(null)).toList())
                        .withOutputs(List.of(OutputSlot.of("LATENT", "LATENT"))).withWidgetValues(shortValues)))));
        JsonObject in = export(g).getAsJsonObject("3").getAsJsonObject("inputs");
        assertEquals(parse("{\"seed\": 5, \"steps\": 20, \"cfg\": 8.0, \"sampler_name\": \"euler\", \"scheduler\": \"simple\", \"denoise\": 1.0}"), in);
    }

    @Test
    void promptNodesComeInExecutionOrder() throws Exception {
        List<String> order = List.copyOf(export(load("reference-1a.json")).keySet());
        assertTrue(order.indexOf("4") < order.indexOf("6") && order.indexOf("6") < order.indexOf("3")
                && order.indexOf("3") < order.indexOf("8") && order.indexOf("8") < order.indexOf("9"), order.toString());
    }
}
