package dev.weft.workflow;

import com.google.gson.JsonElement;
import dev.weft.graph.Graph;
import dev.weft.graph.NodeSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens whatever a user hands Weft as a workflow: a UI workflow JSON, an API prompt JSON, or a PNG
 * that embeds either. Like the frontend, a PNG's {@code workflow} chunk is preferred to its
 * {@code prompt} chunk, and an API prompt is turned into a graph with {@link ApiImporter}.
 */
public final class WorkflowFile {
    /** What the file held. */
    public enum Kind {
        UI_JSON, API_JSON, PNG_WORKFLOW, PNG_PROMPT
    }

    /**
     * @param kind what the file held
     * @param graph the workflow as a graph (imported from the prompt for API sources)
     * @param prompt the prompt as read, for API sources; empty otherwise
     * @param repairs inconsistencies fixed while loading a UI workflow
     */
    public record Loaded(Kind kind, Graph graph, Optional<ApiPrompt> prompt, List<String> repairs) {
        public Loaded {
            repairs = List.copyOf(repairs);
        }
    }

    private WorkflowFile() {
    }

    /**
     * @param specs used to lay out widgets when importing an API prompt
     * @throws WorkflowException with a one-line message for malformed JSON (line and column), a
     *     file that is neither kind of workflow, a PNG without workflow metadata, or an
     *     inconsistent workflow (naming the link and node)
     * @throws IOException when the file cannot be read
     */
    public static Loaded load(Path file, NodeSpecs specs) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (PngMetadata.isPng(bytes)) {
            return fromPng(bytes, name, specs);
        }
        if (looksBinary(bytes)) {
            throw new WorkflowException(name + ": not a workflow: expected ComfyUI workflow JSON, an API prompt JSON or a PNG");
        }
        return fromJson(JsonIo.parse(new String(bytes, StandardCharsets.UTF_8), name), name, specs, Kind.UI_JSON,
                Kind.API_JSON);
    }

    private static Loaded fromPng(byte[] bytes, String name, NodeSpecs specs) throws WorkflowException {
        Map<String, String> text = PngMetadata.readText(bytes, name);
        String workflow = text.get("workflow");
        if (workflow != null) {
            return fromJson(JsonIo.parse(workflow, name + " (workflow metadata)"), name, specs, Kind.PNG_WORKFLOW,
                    Kind.PNG_PROMPT);
        }
        String prompt = text.get("prompt");
        if (prompt != null) {
            return fromJson(JsonIo.parse(prompt, name + " (prompt metadata)"), name, specs, Kind.PNG_WORKFLOW,
                    Kind.PNG_PROMPT);
        }
        throw new WorkflowException(name + ": the PNG has no ComfyUI metadata (no 'workflow' or 'prompt' text chunk)");
    }

    private static Loaded fromJson(JsonElement e, String name, NodeSpecs specs, Kind ui, Kind api)
            throws WorkflowException {
        if (UiWorkflowReader.looksLikeUiWorkflow(e)) {
            UiWorkflowReader.Result r = UiWorkflowReader.fromJson(e, name);
            return new Loaded(ui, r.graph(), Optional.empty(), r.repairs());
        }
        if (ApiPrompt.looksLikeApiPrompt(e)) {
            ApiPrompt p = ApiPrompt.fromJson(e, name);
            return new Loaded(api, ApiImporter.toGraph(p, specs), Optional.of(p), List.of());
        }
        throw new WorkflowException(name + ": not a ComfyUI workflow: expected a UI workflow (an object with \"nodes\") "
                + "or an API prompt (nodes with \"class_type\" and \"inputs\")");
    }

    private static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 512);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
