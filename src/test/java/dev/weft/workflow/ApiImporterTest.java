package dev.weft.workflow;

import static dev.weft.workflow.JsonEquality.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.TestSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiImporterTest {
    private static final NodeSpecs SPECS = TestSpecs.all();

    @Test
    void theReferencePromptImportsToAGraphThatExportsBackToIt() throws Exception {
        ApiPrompt prompt = ApiPrompt.fromJson(Resources.json("reference-1b.api.json"), "p");
        Graph g = ApiImporter.toGraph(prompt, SPECS);
        assertEquals(List.of(4, 5, 6, 7, 3, 8, 9), g.nodes().stream().map(Node::id).toList(), "prompt ids kept");
        assertEquals(9, g.links().size());
        Node sampler = g.requireNode(3);
        assertEquals("[123456789,\"randomize\",20,7.5,\"euler\",\"normal\",1]", sampler.widgetValues().toString());
        assertNull(g.requireNode(4).title(), "a title equal to the display name is not stored");
        assertJsonEquals(Resources.json("reference-1a.api.json"),
                PromptExporter.export(g, SPECS, PromptExporter.Options.forComfyUi()).toJson());
        // and the graph is a valid UI workflow
        Graph back = UiWorkflowReader.fromJson(UiWorkflowWriter.toJson(g), "w").graph();
        assertEquals(9, back.links().size());
    }

    @Test
    void nodesAreLaidOutInColumnsByDepth() throws Exception {
        Graph g = ApiImporter.toGraph(ApiPrompt.fromJson(Resources.json("reference-1b.api.json"), "p"), SPECS);
        double ckpt = g.requireNode(4).pos().x();
        double text = g.requireNode(6).pos().x();
        double sampler = g.requireNode(3).pos().x();
        double save = g.requireNode(9).pos().x();
        assertTrue(ckpt < text && text < sampler && sampler < save);
        assertEquals(g.requireNode(6).pos().x(), g.requireNode(7).pos().x());
        assertTrue(g.requireNode(7).pos().y() > g.requireNode(6).pos().y(), "stacked in a column");
    }

    @Test
    void linksIntoWidgetsGetWidgetSocketsAndStringIdsGetFreshIds() throws Exception {
        ApiPrompt p = ApiPrompt.parse("""
                {"4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sdxl.safetensors"}},
                 "4:0": {"class_type": "Counter", "inputs": {"start": 3}},
                 "3": {"class_type": "KSampler", "inputs": {"seed": ["4:0", 0], "steps": 30, "model": ["4", 0]},
                       "_meta": {"title": "Sampler A"}}}""", "p");
        Graph g = ApiImporter.toGraph(p, SPECS);
        assertEquals(List.of(4, 5, 3), g.nodes().stream().map(Node::id).toList());
        Node sampler = g.requireNode(3);
        assertEquals("Sampler A", sampler.title());
        assertEquals("seed", sampler.inputs().get(4).widgetName());
        assertEquals(5, g.inputLink(3, 4).orElseThrow().originId());
        assertEquals(30, sampler.widgetValue(2).orElseThrow().getAsInt());
        Node counter = g.requireNode(5);
        assertEquals("[3]", counter.widgetValues().toString(), "unknown type keeps its constants in order");
        assertEquals(1, counter.outputs().size());
    }

    @Test
    void aLinkToAMissingPromptNodeIsAnError() throws Exception {
        ApiPrompt p = ApiPrompt.parse("{\"1\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"9\", 0]}}}", "p");
        WorkflowException e = assertThrows(WorkflowException.class, () -> ApiImporter.toGraph(p, SPECS));
        assertEquals("prompt input links to node \"9\", which the prompt does not have", e.getMessage());
    }
}
