package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.exec.FakeNodes;
import dev.weft.exec.Samples;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.JsonEquality;
import dev.weft.workflow.JsonIo;
import dev.weft.workflow.PngMetadata;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.UiWorkflowReader;
import dev.weft.workflow.WorkflowFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weft command as a user runs it, with fake node implementations injected where a run needs them. */
class CliTest {
    @TempDir
    Path work;

    private FakeNodes fakes;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        fakes = new FakeNodes();
        Samples.folders(work);
    }

    private static String sample(String name) {
        return Samples.path(name).toAbsolutePath().toString();
    }

    private int weft(String... args) {
        return weft(fakes::registry, Map.of(), args);
    }

    private int weft(Supplier<NodeRegistry> registry, Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), new CliContext(registry, env, work));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private static NodeRegistry realRegistry() {
        return NodeRegistry.load(Optional.of(FakeNodes.PROJECT_NODES));
    }

    /** Exit 2 with exactly one line on stderr and no trace of a Java exception. */
    private void assertBadInput(int code, String expectedLine) {
        assertEquals(2, code, err);
        assertEquals(expectedLine + "\n", err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    }

    // ---- run

    @Test
    void runFailsCleanlyOnTheFirstNodeThatIsNotImplementedYet() {
        int code = weft(CliTest::realRegistry, Map.of(), "run", sample("txt2img.json"));

        assertEquals(1, code);
        assertEquals("weft run: node 4 \"Load Checkpoint\" (CheckpointLoaderSimple): CheckpointLoaderSimple is not"
                + " implemented yet in Weft\n", err);
        assertTrue(out.contains("node 4 \"Load Checkpoint\" (CheckpointLoaderSimple): started\n"), out);
        assertTrue(out.endsWith("\n") && out.contains("failed after "), out);
    }

    @Test
    void runPrintsProgressAndSavesAPngThatEmbedsTheWorkflowAndThePrompt() throws Exception {
        int code = weft("run", sample("txt2img.json"));

        assertEquals(0, code, err);
        assertEquals("", err);
        List<String> lines = out.lines().toList();
        assertEquals("running " + sample("txt2img.json") + " (8 nodes)", lines.get(0));
        assertTrue(lines.contains("node 3 \"KSampler\": step 20/20"), out);
        assertTrue(lines.contains("node 9 \"Save Image\" (SaveImage): saved output/txt2img_00001_.png"), out);
        assertTrue(lines.get(lines.size() - 1).startsWith("finished in "), out);

        Map<String, String> text = PngMetadata.readText(work.resolve("output/txt2img_00001_.png"));
        JsonEquality.assertJsonEquals(JsonIo.read(Samples.path("txt2img.json")), JsonParser.parseString(text.get("workflow")));
        ApiPrompt prompt = ApiPrompt.parse(text.get("prompt"), "png");
        assertEquals("KSampler", prompt.node("3").orElseThrow().classType());
        assertEquals(0, weft("validate", "output/txt2img_00001_.png"), err);
        assertEquals("output/txt2img_00001_.png: ok (8 nodes)\n", out);
    }

    @Test
    void runAppliesSetOverridesTypedByTheSpecToThePromptAndTheEmbeddedWorkflow() throws Exception {
        int code = weft("run", sample("txt2img.json"), "--set", "3.cfg=6.5", "--set", "3.steps=4",
                "--set", "6.text={a red|a red} fox // the subject", "--output", "renders");

        assertEquals(0, code, err);
        assertEquals(6.5, fakes.inputsOf("3").getDouble("cfg"));
        assertEquals(4L, fakes.inputsOf("3").get("steps"));
        assertEquals("a red fox ", fakes.inputsOf("6").get("text"), "dynamic prompt resolved, comment dropped");
        Map<String, String> text = PngMetadata.readText(work.resolve("renders/txt2img_00001_.png"));
        JsonObject ksampler = JsonParser.parseString(text.get("workflow")).getAsJsonObject().getAsJsonArray("nodes")
                .get(0).getAsJsonObject();
        assertEquals("KSampler", ksampler.get("type").getAsString());
        assertEquals(6.5, ksampler.getAsJsonArray("widgets_values").get(3).getAsDouble());
        JsonObject positive = JsonParser.parseString(text.get("workflow")).getAsJsonObject().getAsJsonArray("nodes")
                .get(3).getAsJsonObject();
        assertEquals("{a red|a red} fox // the subject", positive.getAsJsonArray("widgets_values").get(0).getAsString(),
                "the workflow keeps the text as written");
    }

    @Test
    void runResolvesDynamicPromptsOfTheWorkflow() throws Exception {
        JsonObject wf = JsonIo.read(Samples.path("txt2img.json")).getAsJsonObject();
        for (JsonElement n : wf.getAsJsonArray("nodes")) {
            if (n.getAsJsonObject().get("id").getAsInt() == 7) {
                n.getAsJsonObject().getAsJsonArray("widgets_values").set(0,
                        new com.google.gson.JsonPrimitive("/* quality */{blurry|blurry}, text"));
            }
        }
        Files.writeString(work.resolve("dynamic.json"), wf.toString());

        assertEquals(0, weft("run", "dynamic.json"), err);

        assertEquals("blurry, text", fakes.inputsOf("7").get("text"));
    }

    @Test
    void malformedOverridesAreBadInput() {
        assertBadInput(weft("run", sample("txt2img.json"), "--set", "3.steps=many"),
                "weft run: --set 3.steps=many: steps takes a whole number");
        assertBadInput(weft("run", sample("txt2img.json"), "--set", "99.cfg=1"),
                "weft run: --set 99.cfg=1: the workflow has no node 99; its nodes are 4, 5, 10, 6, 7, 3, 8, 9");
        assertBadInput(weft("run", sample("txt2img.json"), "--set", "3.model=1"),
                "weft run: --set 3.model=1: node 3 (KSampler) has no value input 'model'; it has seed, steps, cfg,"
                        + " sampler_name, scheduler, denoise");
        assertBadInput(weft("run", sample("txt2img.json"), "--set", "cfg=1"),
                "weft run: --set cfg=1: expected NODE_ID.INPUT=VALUE, e.g. 3.cfg=6.5");
    }

    @Test
    void anOverrideOutOfRangeFailsValidationNamingTheNode() {
        int code = weft("run", sample("txt2img.json"), "--set", "3.cfg=150");

        assertEquals(1, code);
        assertEquals("weft run: node 3 \"KSampler\", input cfg: 150 is bigger than the maximum 100; fix: set cfg to at"
                + " most 100 [value_bigger_than_max]\n", err);
        assertEquals("", out);
    }

    @Test
    void theModelsFolderComesFromTheOptionElseWeftModelsElseTheWorkingFolder() throws Exception {
        Path empty = Files.createDirectories(work.resolve("elsewhere"));
        assertEquals(0, weft(fakes::registry, Map.of(), "validate", sample("txt2img.json")), out);
        assertEquals(1, weft(fakes::registry, Map.of("WEFT_MODELS", empty.toString()), "validate", sample("txt2img.json")));
        assertTrue(out.contains("put v1-5-pruned-emaonly.safetensors in " + empty.resolve("checkpoints")), out);
        assertEquals(0, weft(fakes::registry, Map.of("WEFT_MODELS", empty.toString()), "validate",
                sample("txt2img.json"), "--models", "models"), out);
    }

    // ---- validate

    @Test
    void validatePrintsOkForEverySample() {
        for (String name : Samples.NAMES) {
            assertEquals(0, weft("validate", sample(name)), out);
            assertTrue(out.endsWith(sample(name) + ": ok (" + out.replaceAll("(?s).*\\((\\d+) nodes\\)\\n$", "$1")
                    + " nodes)\n"), out);
        }
    }

    @Test
    void validateOnABrokenWorkflowNamesTheNodeAndExitsOne() throws Exception {
        String text = Files.readString(Samples.path("txt2img.json"))
                .replace("\"v1-5-pruned-emaonly.safetensors\"", "\"sdxl.safetensors\"")
                .replace("\"euler\"", "\"eulr\"");
        Path broken = work.resolve("broken.json");
        Files.writeString(broken, text);

        assertEquals(1, weft("validate", "broken.json"));

        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        assertTrue(lines.get(0).startsWith("node 4 \"Load Checkpoint\" (CheckpointLoaderSimple), input ckpt_name:"
                + " \"sdxl.safetensors\" is not in the checkpoints folder; fix: put sdxl.safetensors in "), out);
        assertTrue(lines.get(1).startsWith("node 3 \"KSampler\", input sampler_name: \"eulr\" is not one of the choices;"
                + " fix: choose one of: euler, "), out);
        assertEquals("broken.json: 2 errors", lines.get(2));
    }

    // ---- convert

    @Test
    void convertToApiPrintsThePromptComfyUiTakesWithTheLoraStackExpanded() throws Exception {
        assertEquals(0, weft("convert", sample("lora-stack.json"), "--to", "api"), err);

        JsonElement printed = JsonParser.parseString(out);
        WorkflowFile.Loaded loaded = WorkflowFile.load(Samples.path("lora-stack.json"), realRegistry());
        ApiPrompt expected = PromptExporter.export(loaded.graph(), realRegistry(), PromptExporter.Options.forComfyUi());
        JsonEquality.assertJsonEquals(expected.toJson(), printed);
        assertEquals("LoraLoader", printed.getAsJsonObject().getAsJsonObject("10:1").get("class_type").getAsString());
        assertFalse(printed.getAsJsonObject().has("10"));
        assertEquals("[\"10:1\",0]", printed.getAsJsonObject().getAsJsonObject("3").getAsJsonObject("inputs")
                .get("model").toString());
    }

    @Test
    void convertToUiTurnsAnApiPromptIntoAWorkflowAndWritesItWithOut() throws Exception {
        assertEquals(0, weft("convert", sample("txt2img.json"), "--to", "api", "--out", "prompt.json"), err);
        assertEquals("wrote prompt.json\n", out);

        assertEquals(0, weft("convert", "prompt.json", "--to", "ui"), err);

        UiWorkflowReader.Result ui = UiWorkflowReader.parse(out, "converted");
        assertEquals(8, ui.graph().nodeCount());
        assertEquals("KSampler", ui.graph().requireNode(3).type());
        assertEquals(0, weft("validate", "prompt.json"), out);
    }

    @Test
    void convertNeedsAKnownTarget() {
        assertBadInput(weft("convert", sample("txt2img.json")), "weft convert: say --to ui or --to api");
        assertBadInput(weft("convert", sample("txt2img.json"), "--to", "png"),
                "weft convert: --to must be ui or api, not 'png'");
    }

    // ---- nodes

    @Test
    void nodesPrintsEverySpecWithFileListsFromTheModelsFolder() {
        assertEquals(0, weft("nodes"), err);

        JsonObject all = JsonParser.parseString(out).getAsJsonObject();
        assertEquals(realRegistry().specs().keySet(), all.keySet());
        assertEquals("[\"v1-5-pruned-emaonly.safetensors\"]", all.getAsJsonObject("CheckpointLoaderSimple")
                .getAsJsonObject("input").getAsJsonObject("required").getAsJsonArray("ckpt_name").get(0).toString());
        assertEquals("[\"example.png\"]", all.getAsJsonObject("LoadImage").getAsJsonObject("input")
                .getAsJsonObject("required").getAsJsonArray("image").get(0).toString());
    }

    // ---- bad input: one line, exit 2

    @Test
    void malformedJsonIsOneLine() throws Exception {
        Files.writeString(work.resolve("bad.json"), "{\"nodes\": [\n  {\"id\": 1,,}\n");
        int code = weft("run", "bad.json");
        assertEquals(2, code);
        assertTrue(err.startsWith("weft run: bad.json: malformed JSON at line 2 column"), err);
        assertEquals(1, err.lines().count());
    }

    @Test
    void aLinkToAMissingNodeIsOneLine() throws Exception {
        JsonObject ui = JsonIo.read(Samples.path("txt2img.json")).getAsJsonObject();
        ui.getAsJsonArray("links").get(8).getAsJsonArray().set(1, new com.google.gson.JsonPrimitive(99));
        Files.writeString(work.resolve("dangling.json"), ui.toString());
        int code = weft("validate", "dangling.json");
        assertEquals(2, code, err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("weft validate: dangling.json: ") && err.contains("99"), err);

        Files.writeString(work.resolve("dangling-api.json"),
                "{\"1\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"99\", 0]}}}");
        assertBadInput(weft("run", "dangling-api.json"),
                "weft run: dangling-api.json: prompt input links to node \"99\", which the prompt does not have");
    }

    @Test
    void aFileThatIsNotAWorkflowIsOneLine() throws Exception {
        Files.write(work.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16});
        assertBadInput(weft("run", "photo.jpg"),
                "weft run: photo.jpg: not a workflow: expected ComfyUI workflow JSON, an API prompt JSON or a PNG");
    }

    @Test
    void aPngWithoutMetadataIsOneLine() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(img, "png", work.resolve("plain.png").toFile());
        assertBadInput(weft("validate", "plain.png"),
                "weft validate: plain.png: the PNG has no ComfyUI metadata (no 'workflow' or 'prompt' text chunk)");
    }

    @Test
    void aMissingFileOrAFolderIsOneLine() {
        assertBadInput(weft("run", "nope.json"), "weft run: nope.json: no such file");
        assertBadInput(weft("validate", "models"), "weft validate: models is a folder; give a workflow file (.json or .png)");
    }

    @Test
    void jsonOfAnotherShapeIsOneLine() throws Exception {
        Files.writeString(work.resolve("list.json"), "[1, 2, 3]");
        assertBadInput(weft("run", "list.json"), "weft run: list.json: not a ComfyUI workflow: expected a UI workflow"
                + " (an object with \"nodes\") or an API prompt (nodes with \"class_type\" and \"inputs\")");
        Files.writeString(work.resolve("odd.json"), "{\"nodes\": [1, {\"type\": 5}], \"links\": \"no\"}");
        int code = weft("run", "odd.json");
        assertEquals(2, code, err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void usageErrorsAreOneLine() {
        assertBadInput(weft("run"), "weft run: expected one workflow file (UI workflow JSON, API prompt JSON or PNG),"
                + " got none");
        assertBadInput(weft("run", sample("txt2img.json"), "--model", "x"), "weft run: unknown option --model (see weft help)");
        assertBadInput(weft("paint"), "weft: unknown command 'paint' (see weft help)");
    }

    @Test
    void helpNamesTheEditorAndEveryCommand() {
        // weft with no command (or a workflow path) opens the editor; the UI tests drive that window.
        assertEquals(0, weft("help"));
        assertTrue(out.contains("open the editor"), out);
        for (String c : List.of("weft run WORKFLOW", "weft validate", "weft convert", "weft nodes", "weft golden",
                "weft bench")) {
            assertTrue(out.contains(c), c + " in " + out);
        }
    }
}
