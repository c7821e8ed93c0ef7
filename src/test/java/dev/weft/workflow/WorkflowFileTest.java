package dev.weft.workflow;

import static dev.weft.workflow.JsonEquality.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.NodeSpecs;
import dev.weft.graph.TestSpecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowFileTest {
    private static final NodeSpecs SPECS = TestSpecs.all();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String message(Path p) {
        return assertThrows(WorkflowException.class, () -> WorkflowFile.load(p, SPECS)).getMessage();
    }

    @Test
    void aUiWorkflowJsonIsLoadedAsIs() throws Exception {
        WorkflowFile.Loaded l = WorkflowFile.load(Resources.workflow("reference-1a.json"), SPECS);
        assertEquals(WorkflowFile.Kind.UI_JSON, l.kind());
        assertTrue(l.prompt().isEmpty());
        assertJsonEquals(Resources.json("reference-1a.json"), UiWorkflowWriter.toJson(l.graph()));
    }

    @Test
    void anApiPromptJsonIsImportedAsAGraph() throws Exception {
        WorkflowFile.Loaded l = WorkflowFile.load(Resources.workflow("reference-1b.api.json"), SPECS);
        assertEquals(WorkflowFile.Kind.API_JSON, l.kind());
        assertEquals(7, l.graph().nodeCount());
        assertJsonEquals(Resources.json("reference-1b.api.json"), l.prompt().orElseThrow().toJson());
    }

    @Test
    void aPngPrefersItsWorkflowChunkAndFallsBackToItsPrompt() throws Exception {
        byte[] both = PngMetadata.withWorkflow(PngMetadataTest.tinyPng(), Resources.json("reference-1a.json"),
                Resources.json("reference-1b.api.json"), "x");
        WorkflowFile.Loaded l = WorkflowFile.load(write("both.png", both), SPECS);
        assertEquals(WorkflowFile.Kind.PNG_WORKFLOW, l.kind());
        assertJsonEquals(Resources.json("reference-1a.json"), UiWorkflowWriter.toJson(l.graph()));

        byte[] promptOnly = PngMetadata.withWorkflow(PngMetadataTest.tinyPng(), null, Resources.json("reference-1b.api.json"), "x");
        l = WorkflowFile.load(write("prompt.png", promptOnly), SPECS);
        assertEquals(WorkflowFile.Kind.PNG_PROMPT, l.kind());
        assertEquals(7, l.graph().nodeCount());
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        Path p = write("broken.json", "{\n  \"nodes\": [\n    {\"id\": 1,, }\n  ]\n}\n");
        String m = message(p);
        assertTrue(m.startsWith("broken.json: malformed JSON at line 3 column "), m);
        assertEquals(1, m.lines().count(), "one line");
    }

    @Test
    void truncatedJsonIsMalformed() throws Exception {
        String m = message(write("cut.json", "{\"nodes\": [{\"id\": 1"));
        assertTrue(m.startsWith("cut.json: malformed JSON at line 1 column "), m);
    }

    @Test
    void aLinkToAMissingNodeNamesTheLinkAndTheNode() throws Exception {
        String text = Resources.text("reference-1a.json").replace("[9,8,0,9,0,\"IMAGE\"]", "[9,8,0,99,0,\"IMAGE\"]");
        assertEquals("missing.json: link 9 goes to node 99, which does not exist", message(write("missing.json", text)));
        text = Resources.text("reference-1a.json").replace("[1,4,0,3,0,\"MODEL\"]", "[1,44,0,3,0,\"MODEL\"]");
        assertEquals("missing2.json: link 1 comes from node 44, which does not exist", message(write("missing2.json", text)));
    }

    @Test
    void binaryFilesThatAreNotPngAreRefused() throws Exception {
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
        assertEquals("photo.jpg: not a workflow: expected ComfyUI workflow JSON, an API prompt JSON or a PNG",
                message(write("photo.jpg", jpeg)));
    }

    @Test
    void aPngWithoutMetadataSaysSo() throws Exception {
        assertEquals("plain.png: the PNG has no ComfyUI metadata (no 'workflow' or 'prompt' text chunk)",
                message(write("plain.png", PngMetadataTest.tinyPng())));
        byte[] other = PngMetadata.withText(PngMetadataTest.tinyPng(), Map.of("parameters", "a1111 stuff"), "x");
        assertTrue(message(write("a1111.png", other)).contains("has no ComfyUI metadata"));
    }

    @Test
    void jsonThatIsNeitherKindIsRefused() throws Exception {
        assertEquals("other.json: not a ComfyUI workflow: expected a UI workflow (an object with \"nodes\") or an API prompt "
                + "(nodes with \"class_type\" and \"inputs\")", message(write("other.json", "{\"hello\": 1}")));
    }

    @Test
    void badJsonInsidePngMetadataNamesThePng() throws Exception {
        byte[] png = PngMetadata.withText(PngMetadataTest.tinyPng(), Map.of("workflow", "{oops"), "x");
        assertTrue(message(write("bad.png", png)).startsWith("bad.png (workflow metadata): malformed JSON"));
    }
}
