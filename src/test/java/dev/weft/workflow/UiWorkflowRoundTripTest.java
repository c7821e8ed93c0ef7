package dev.weft.workflow;

import static dev.weft.workflow.JsonEquality.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeMode;
import dev.weft.graph.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UiWorkflowRoundTripTest {

    private static UiWorkflowReader.Result load(String name) throws Exception {
        return UiWorkflowReader.fromJson(Resources.json(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference-1a.json", "v1-schema.json", "reroutes-04.json", "unknown-node.json",
            "converted-widget-inputs.json", "object-size.json"})
    void loadThenSaveGivesTheSameJson(String name) throws Exception {
        UiWorkflowReader.Result r = load(name);
        assertEquals(List.of(), r.repairs());
        assertJsonEquals(Resources.json(name), UiWorkflowWriter.toJson(r.graph()));
    }

    @Test
    void savedTextParsesBackToTheSameJson() throws Exception {
        UiWorkflowReader.Result r = load("unknown-node.json");
        String text = UiWorkflowWriter.toText(r.graph());
        assertJsonEquals(Resources.json("unknown-node.json"), JsonIo.parse(text, "saved"));
        assertTrue(text.contains("12345678901234567890"), "big integers keep every digit");
        assertTrue(text.contains("\u00fcn\u00efc\u00f6d\u00e9"), "unicode written as is, not escaped");
    }

    @Test
    void numericStringIdsAndSlotIndexesAreReadAndWrittenAsNumbers() throws Exception {
        UiWorkflowReader.Result r = load("string-slot-indexes.json");
        Link l = r.graph().link(8).orElseThrow();
        assertEquals(new Link(8, 4, 2, 8, 1, "VAE", null), l);
        assertJsonEquals(Resources.json("string-slot-indexes.expected.json"), UiWorkflowWriter.toJson(r.graph()));
    }

    @Test
    void schemaV1LinksStateAndReroutesAreModelled() throws Exception {
        Graph g = load("v1-schema.json").graph();
        assertEquals(4, g.link(20).orElseThrow().parentId());
        assertEquals(List.of(2, 3, 4), g.reroutes().stream().map(r -> r.id()).toList());
        assertEquals(3, g.reroute(4).orElseThrow().parentId());
        assertEquals(12, g.counters().lastNodeId());
        assertEquals(21, g.counters().lastLinkId());
        assertEquals(2, g.counters().lastGroupId());
        assertEquals(4, g.counters().lastRerouteId());
        assertEquals(List.of("Model", "Output"), g.groups().stream().map(x -> x.title()).toList());
        assertTrue(g.requireNode(11).isCollapsed());
        assertEquals("Keep this one", g.requireNode(12).title());
    }

    @Test
    void version04RerouteAndLinkExtensionsAreModelled() throws Exception {
        Graph g = load("reroutes-04.json").graph();
        assertEquals(2, g.link(1).orElseThrow().parentId());
        assertEquals(new Point(380.5, 150), g.reroute(2).orElseThrow().pos());
        assertNull(g.groups().get(0).id());
    }

    @Test
    void anEditedWorkflowKeepsItsUnknownNodesAndTopLevelKeys() throws Exception {
        Graph g = load("unknown-node.json").graph();
        g.apply(new GraphEdit.MoveNodes(java.util.Map.of(3, new Point(5, 6))));
        g.apply(new GraphEdit.SetMode(2, NodeMode.ALWAYS));
        JsonObject out = UiWorkflowWriter.toJson(g);
        JsonObject expected = Resources.json("unknown-node.json").getAsJsonObject();
        JsonObject note = expected.getAsJsonArray("nodes").get(2).getAsJsonObject();
        note.add("pos", JsonIo.parse("[5, 6]", "x"));
        expected.getAsJsonArray("nodes").get(1).getAsJsonObject().addProperty("mode", 0);
        assertJsonEquals(expected, out);
    }

    @Test
    void unknownNodeKeepsItsOddPartsInTheModel() throws Exception {
        Node n = load("unknown-node.json").graph().requireNode(1);
        assertEquals("MysteryLoader", n.type());
        assertTrue(n.widgetValues().isJsonObject());
        assertEquals("-1", n.outputs().get(1).type(), "a numeric slot type reads as its text");
        assertEquals(new JsonPrimitive(1), n.extra().get("shape"));
        assertFalse(n.isCollapsed());
        assertEquals("My loader", n.title());
    }

    @Test
    void anUnlinkedUnlabelledWidgetSocketIsDroppedOnSaveAndLinkSlotsRenumbered() throws Exception {
        Graph g = load("converted-widget-inputs.json").graph();
        g.apply(new GraphEdit.Disconnect(3)); // seed socket (index 4) now unlinked
        JsonObject out = UiWorkflowWriter.toJson(g);
        JsonObject sampler = out.getAsJsonArray("nodes").get(3).getAsJsonObject();
        List<String> names = sampler.getAsJsonArray("inputs").asList().stream()
                .map(i -> i.getAsJsonObject().get("name").getAsString()).toList();
        assertEquals(List.of("model", "positive", "negative", "latent_image", "cfg"), names);
        assertEquals("[4,4,0,3,4,\"FLOAT\"]", out.getAsJsonArray("links").get(1).toString(), "cfg link now enters slot 4");
        // and reading it back gives the same graph minus the socket
        Graph back = UiWorkflowReader.fromJson(out, "saved").graph();
        assertEquals(4, back.link(4).orElseThrow().targetSlot());
    }

    @Test
    void inconsistentSlotReferencesAreRepairedAndReported() throws Exception {
        JsonObject w = Resources.json("reference-1a.json").getAsJsonObject();
        // link 2 claims target slot 7; the KSampler input that refers to it is slot 3 (fixLinkInputSlots)
        w.getAsJsonArray("links").set(1, JsonIo.parse("[2,5,0,3,7,\"LATENT\"]", "x"));
        // the checkpoint's CLIP output forgets link 5
        w.getAsJsonArray("nodes").get(0).getAsJsonObject().getAsJsonArray("outputs").get(1).getAsJsonObject()
                .add("links", JsonIo.parse("[3]", "x"));
        UiWorkflowReader.Result r = UiWorkflowReader.fromJson(w, "w.json");
        assertEquals(3, r.graph().link(2).orElseThrow().targetSlot());
        assertEquals(List.of("output 1 of node 4 (CheckpointLoaderSimple) did not list link 5; added"), r.repairs());
        assertJsonEquals(Resources.json("reference-1a.json"), UiWorkflowWriter.toJson(r.graph()));
    }

    @Test
    void aNewGraphIsWrittenAsAVersion04Workflow() throws Exception {
        Graph g = new Graph();
        g.apply(new GraphEdit.AddNode(Node.create(1, "VAEDecode", new Point(0, 0), new dev.weft.graph.Size(210, 46))));
        JsonObject out = UiWorkflowWriter.toJson(g);
        assertEquals(0.4, out.get("version").getAsDouble());
        assertEquals(1, out.get("last_node_id").getAsInt());
        assertEquals(0, out.get("last_link_id").getAsInt());
        assertTrue(out.has("groups") && out.has("config") && out.has("extra") && out.has("links"));
        JsonObject node = out.getAsJsonArray("nodes").get(0).getAsJsonObject();
        assertEquals(List.of("id", "type", "pos", "size", "flags", "order", "mode", "properties"),
                List.copyOf(node.keySet()));
        Graph back = UiWorkflowReader.fromJson(out, "new").graph();
        assertJsonEquals(out, UiWorkflowWriter.toJson(back));
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.json");
        Files.writeString(file, "old");
        UiWorkflowWriter.write(load("reference-1a.json").graph(), file);
        assertJsonEquals(Resources.json("reference-1a.json"), JsonIo.read(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
