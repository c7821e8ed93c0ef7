package dev.weft.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.graph.NodeSpec;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiInput;
import dev.weft.workflow.ApiNode;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.JsonEquality;
import dev.weft.workflow.JsonIo;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.UiWorkflowReader;
import dev.weft.workflow.UiWorkflowWriter;
import dev.weft.workflow.WorkflowFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every sample is a consistent ComfyUI workflow that loads, validates, round-trips and exports. */
class SamplesTest {
    static final List<String> NAMES = Samples.NAMES;

    @TempDir
    Path temp;

    private NodeRegistry registry;
    private ModelFolders folders;

    @BeforeEach
    void setUp() {
        registry = NodeRegistry.load(Optional.of(FakeNodes.PROJECT_NODES));
        folders = Samples.folders(temp);
    }

    private ValidationReport validate(ApiPrompt prompt) {
        return PromptValidator.validate(prompt, Set.of(), registry.withFiles(folders), folders).report();
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void loadsAsAUiWorkflowWithoutRepairs(String name) throws Exception {
        WorkflowFile.Loaded loaded = WorkflowFile.load(Samples.path(name), registry);
        assertEquals(WorkflowFile.Kind.UI_JSON, loaded.kind());
        assertEquals(List.of(), loaded.repairs());
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void validatesAgainstAModelsFolderHoldingItsFiles(String name) {
        ValidationReport r = validate(Samples.prompt(name, registry));
        assertTrue(r.ok(), r.describe());
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void roundTripsLosslessly(String name) throws Exception {
        JsonElement original = JsonIo.read(Samples.path(name));
        JsonObject written = UiWorkflowWriter.toJson(UiWorkflowReader.read(Samples.path(name)).graph());
        JsonEquality.assertJsonEquals(original, written);
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void exportsAPromptComfyUiAcceptsAsWritten(String name) throws Exception {
        WorkflowFile.Loaded loaded = WorkflowFile.load(Samples.path(name), registry);
        ApiPrompt prompt = PromptExporter.export(loaded.graph(), registry, PromptExporter.Options.forComfyUi());

        for (ApiNode n : prompt.nodes().values()) {
            assertFalse(registry.specs().get(n.classType()).toJson().get("python_module").getAsString().equals("weft"),
                    n.classType() + " is Weft's own and unknown to ComfyUI");
        }
        ValidationReport r = validate(prompt);
        assertTrue(r.ok(), r.describe());
        JsonEquality.assertJsonEquals(prompt.toJson(), ApiPrompt.parse(JsonIo.pretty(prompt.toJson()), name).toJson());
    }

    @Test
    void theLoraStackExportsAsAChainOfLoraLoaders() throws Exception {
        WorkflowFile.Loaded loaded = WorkflowFile.load(Samples.path("lora-stack.json"), registry);
        ApiPrompt prompt = PromptExporter.export(loaded.graph(), registry, PromptExporter.Options.forComfyUi());

        ApiNode first = prompt.node("10:0").orElseThrow();
        ApiNode second = prompt.node("10:1").orElseThrow();
        assertEquals("LoraLoader", first.classType());
        assertEquals("LoraLoader", second.classType());
        assertEquals(new ApiInput.LinkRef("4", 0), first.input("model").orElseThrow());
        assertEquals(new ApiInput.LinkRef("4", 1), first.input("clip").orElseThrow());
        assertEquals("watercolor_style.safetensors",
                ((ApiInput.Constant) first.input("lora_name").orElseThrow()).value().getAsString());
        assertEquals(new ApiInput.LinkRef("10:0", 0), second.input("model").orElseThrow());
        assertEquals(new ApiInput.LinkRef("10:0", 1), second.input("clip").orElseThrow());
        assertEquals(0.3, ((ApiInput.Constant) second.input("strength_clip").orElseThrow()).value().getAsDouble());
        assertEquals(new ApiInput.LinkRef("10:1", 0), prompt.node("3").orElseThrow().input("model").orElseThrow());
        assertEquals(new ApiInput.LinkRef("10:1", 1), prompt.node("6").orElseThrow().input("clip").orElseThrow());
        assertTrue(prompt.node("10").isEmpty());
    }

    /**
     * The consistency ComfyUI's frontend keeps when it saves: link ids match on both ends with the
     * origin's type, slot indexes, counters, widget counts per spec, and no two nodes overlapping.
     */
    @ParameterizedTest
    @FieldSource("NAMES")
    void isConsistentAndTidyAsComfyUiSavesIt(String name) throws Exception {
        JsonObject doc = JsonIo.read(Samples.path(name)).getAsJsonObject();
        assertEquals(0.4, doc.get("version").getAsDouble());
        Map<Integer, JsonObject> nodes = new HashMap<>();
        doc.getAsJsonArray("nodes").forEach(n -> nodes.put(n.getAsJsonObject().get("id").getAsInt(), n.getAsJsonObject()));
        assertEquals(nodes.keySet().stream().max(Integer::compare).orElseThrow(), doc.get("last_node_id").getAsInt());
        JsonArray links = doc.getAsJsonArray("links");
        assertEquals(links.size(), doc.get("last_link_id").getAsInt());
        for (JsonElement l : links) {
            JsonArray a = l.getAsJsonArray();
            int id = a.get(0).getAsInt();
            JsonObject out = nodes.get(a.get(1).getAsInt()).getAsJsonArray("outputs").get(a.get(2).getAsInt()).getAsJsonObject();
            JsonObject in = nodes.get(a.get(3).getAsInt()).getAsJsonArray("inputs").get(a.get(4).getAsInt()).getAsJsonObject();
            assertEquals(id, in.get("link").getAsInt(), "link " + id + " target");
            assertTrue(out.getAsJsonArray("links").contains(a.get(0)), "link " + id + " origin");
            assertEquals(out.get("type").getAsString(), a.get(5).getAsString(), "link " + id + " type");
            assertEquals(a.get(2).getAsInt(), out.get("slot_index").getAsInt());
        }
        for (JsonObject n : nodes.values()) {
            NodeSpec spec = registry.find(n.get("type").getAsString()).orElseThrow();
            int widgets = n.has("widgets_values") ? n.getAsJsonArray("widgets_values").size() : 0;
            assertEquals(spec.widgetLayout().size(), widgets, "widgets of node " + n.get("id"));
            assertEquals(spec.outputs().size(), n.getAsJsonArray("outputs").size(), "outputs of node " + n.get("id"));
        }
        List<JsonObject> all = List.copyOf(nodes.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(overlap(all.get(i), all.get(j)), "nodes " + all.get(i).get("id") + " and " + all.get(j).get("id"));
            }
        }
    }

    /** Whether two nodes' boxes, title bar (30 units above pos) included, intersect. */
    private static boolean overlap(JsonObject a, JsonObject b) {
        double[] ra = box(a);
        double[] rb = box(b);
        return ra[0] < rb[2] && rb[0] < ra[2] && ra[1] < rb[3] && rb[1] < ra[3];
    }

    private static double[] box(JsonObject n) {
        JsonArray pos = n.getAsJsonArray("pos");
        JsonArray size = n.getAsJsonArray("size");
        double x = pos.get(0).getAsDouble();
        double y = pos.get(1).getAsDouble() - 30;
        return new double[] {x, y, x + size.get(0).getAsDouble(), y + 30 + size.get(1).getAsDouble()};
    }
}
