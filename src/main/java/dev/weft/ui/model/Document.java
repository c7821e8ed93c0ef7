package dev.weft.ui.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.graph.Graph;
import dev.weft.graph.History;
import dev.weft.ui.canvas.Viewport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One open workflow: its graph, its undo history (which also says whether it is dirty), the file
 * it belongs to, and the camera stored in the file ({@code extra.ds}). One thread.
 */
public final class Document {
    private final Graph graph;
    private final History history;
    private Path file;
    private final Optional<Viewport.State> storedView;
    private final String origin;

    public Document(Graph graph, Optional<Path> file) {
        this(graph, file, "Untitled");
    }

    /**
     * @param origin the name to show while the document has no file (a workflow taken from an
     *     image is shown by the image's name but must be saved elsewhere)
     */
    public Document(Graph graph, Optional<Path> file, String origin) {
        this.graph = graph;
        this.history = new History(graph);
        this.file = file.orElse(null);
        this.storedView = readView(graph.passthrough());
        this.origin = origin;
    }

    public static Document empty() {
        return new Document(new Graph(), Optional.empty());
    }

    public Graph graph() {
        return graph;
    }

    public History history() {
        return history;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** After Save As. */
    public void setFile(Path f) {
        file = f;
    }

    public boolean dirty() {
        return history.isDirty();
    }

    /** The file name, or where the workflow came from ("Untitled" for a new one). */
    public String name() {
        return file == null ? origin : file.getFileName().toString();
    }

    /** The camera the file stored in {@code extra.ds}, if any. */
    public Optional<Viewport.State> storedView() {
        return storedView;
    }

    private static Optional<Viewport.State> readView(JsonObject pass) {
        try {
            JsonElement extra = pass.get("extra");
            if (extra == null || !extra.isJsonObject()) {
                return Optional.empty();
            }
            JsonElement ds = extra.getAsJsonObject().get("ds");
            if (ds == null || !ds.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject o = ds.getAsJsonObject();
            JsonArray off = o.getAsJsonArray("offset");
            double scale = o.get("scale").getAsDouble();
            if (off == null || off.size() < 2 || !(scale > 0)) {
                return Optional.empty();
            }
            return Optional.of(new Viewport.State(off.get(0).getAsDouble(), off.get(1).getAsDouble(), scale));
        } catch (RuntimeException e) {
            // ds is a view hint written by frontends of many versions; a malformed one only costs the view
            return Optional.empty();
        }
    }
}
