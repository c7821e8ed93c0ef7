package dev.weft.workflow;

import static dev.weft.workflow.JsonEquality.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiPromptTest {

    @Test
    void readsLinksConstantsAndTitles() throws Exception {
        ApiPrompt p = ApiPrompt.fromJson(Resources.json("reference-1b.api.json"), "p");
        assertEquals(java.util.List.of("4", "5", "6", "7", "3", "8", "9"), java.util.List.copyOf(p.nodes().keySet()));
        ApiNode k = p.node("3").orElseThrow();
        assertEquals("KSampler", k.classType());
        assertEquals(new ApiInput.LinkRef("4", 0), k.input("model").orElseThrow());
        assertEquals(new ApiInput.Constant(new JsonPrimitive(7.5)), k.input("cfg").orElseThrow());
        assertEquals("Load Checkpoint", p.node("4").orElseThrow().title());
    }

    @Test
    void writesBackWhatItRead(@TempDir Path dir) throws Exception {
        ApiPrompt p = ApiPrompt.fromJson(Resources.json("reference-1b.api.json"), "p");
        assertJsonEquals(Resources.json("reference-1b.api.json"), p.toJson());
        Path f = dir.resolve("p.json");
        p.write(f);
        assertJsonEquals(Resources.json("reference-1b.api.json"), ApiPrompt.read(f).toJson());
    }

    @Test
    void wrappedArraysStayConstantsAndUnwrap() throws Exception {
        ApiPrompt p = ApiPrompt.parse("{\"1\": {\"class_type\": \"X\", \"inputs\": {\"v\": {\"__value__\": [\"2\", 0]},"
                + " \"l\": [\"2\", 0], \"t\": [1, 2, 3]}, \"_meta\": {\"title\": \"T\", \"note\": 1}}}", "p");
        ApiInput v = p.node("1").orElseThrow().input("v").orElseThrow();
        assertInstanceOf(ApiInput.Constant.class, v);
        assertEquals("[\"2\",0]", ((ApiInput.Constant) v).unwrapped().toString());
        assertInstanceOf(ApiInput.LinkRef.class, p.node("1").orElseThrow().input("l").orElseThrow());
        assertInstanceOf(ApiInput.Constant.class, p.node("1").orElseThrow().input("t").orElseThrow());
        assertJsonEquals(JsonIo.parse("{\"1\": {\"class_type\": \"X\", \"inputs\": {\"v\": {\"__value__\": [\"2\", 0]},"
                + " \"l\": [\"2\", 0], \"t\": [1, 2, 3]}, \"_meta\": {\"title\": \"T\", \"note\": 1}}}", "e"), p.toJson());
    }

    @Test
    void recognisesPromptsTheWayTheFrontendDoes() throws Exception {
        assertTrue(ApiPrompt.looksLikeApiPrompt(Resources.json("reference-1b.api.json")));
        assertFalse(ApiPrompt.looksLikeApiPrompt(Resources.json("reference-1a.json")));
        assertFalse(ApiPrompt.looksLikeApiPrompt(JsonIo.parse("{}", "e")));
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> ApiPrompt.parse("{\"1\": {\"class_type\": 3, \"inputs\": {}}}", "q.json"));
        assertTrue(e.getMessage().startsWith("q.json: not a ComfyUI API prompt"), e.getMessage());
    }
}
