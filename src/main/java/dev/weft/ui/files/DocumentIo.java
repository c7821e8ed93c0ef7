package dev.weft.ui.files;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.weft.graph.Graph;
import dev.weft.graph.NodeSpecs;
import dev.weft.ui.canvas.Viewport;
import dev.weft.ui.model.Document;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.JsonIo;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.UiWorkflowReader;
import dev.weft.workflow.UiWorkflowWriter;
import dev.weft.workflow.WorkflowException;
import dev.weft.workflow.WorkflowFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opening, saving and exporting workflows for the editor. A UI workflow JSON opens as a document
 * bound to its file; an API prompt or a PNG opens as a new document named after the file (saving
 * asks where), so the source is never overwritten by accident.
 */
public final class DocumentIo {
    private DocumentIo() {
    }

    /**
     * @param document the opened document
     * @param repairs inconsistencies the reader fixed, to tell the user about
     */
    public record Opened(Document document, List<String> repairs) {
    }

    /**
     * @throws IOException with a one-line message naming the file and what is wrong
     */
    public static Opened open(Path file, NodeSpecs specs) throws IOException {
        WorkflowFile.Loaded l = WorkflowFile.load(file, specs);
        boolean own = l.kind() == WorkflowFile.Kind.UI_JSON;
        Document d = own ? new Document(l.graph(), Optional.of(file))
                : new Document(l.graph(), Optional.empty(), file.getFileName().toString());
        return new Opened(d, l.repairs());
    }

    /** The JSON a save writes: the workflow, with the camera in {@code extra.ds} when it moved. */
    public static JsonObject toJson(Document d, Viewport.State view) {
        JsonObject root = UiWorkflowWriter.toJson(d.graph());
        if (d.storedView().map(v -> !v.equals(view)).orElse(true)) {
            JsonObject extra = root.has("extra") && root.get("extra").isJsonObject() ? root.getAsJsonObject("extra")
                    : new JsonObject();
            JsonObject ds = new JsonObject();
            ds.addProperty("scale", view.scale());
            JsonArray offset = new JsonArray();
            offset.add(view.offsetX());
            offset.add(view.offsetY());
            ds.add("offset", offset);
            extra.add("ds", ds);
            root.add("extra", extra);
        }
        return root;
    }

    /** Saves atomically to {@code file}, binds the document to it and marks it clean. */
    public static void save(Document d, Path file, Viewport.State view) throws IOException {
        JsonIo.writeAtomically(file, JsonIo.pretty(toJson(d, view)).getBytes(StandardCharsets.UTF_8));
        d.setFile(file);
        d.history().markSaved();
    }

    /** Writes the API prompt ComfyUI would queue for this graph (LoRA stacks expanded). */
    public static void exportPrompt(Graph graph, NodeSpecs specs, Path file) throws IOException {
        ApiPrompt p = PromptExporter.export(graph, specs, PromptExporter.Options.forComfyUi());
        p.write(file);
    }

    /** A document from recovered workflow JSON. */
    public static Document fromJson(JsonObject workflow, Optional<Path> source) throws WorkflowException {
        Graph g = UiWorkflowReader.fromJson(workflow, "recovery").graph();
        return new Document(g, Optional.empty(), source.map(p -> p.getFileName().toString()).orElse("Recovered"));
    }
}
