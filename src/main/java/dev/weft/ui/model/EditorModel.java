package dev.weft.ui.model;

import dev.weft.graph.AppliedEdit;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.GraphListener;
import dev.weft.ui.canvas.GraphGeometry;
import dev.weft.ui.canvas.LayoutCache;
import dev.weft.ui.canvas.LayoutEngine;
import dev.weft.ui.canvas.TextMeasure;
import dev.weft.ui.canvas.Viewport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everything the editor's views share, free of JavaFX: the open document, the node catalog, the
 * camera, the selection, node layouts and run states. Edits go through {@link #perform} so they
 * are undoable. Listeners registered here survive opening another document. UI thread only.
 */
public final class EditorModel {
    private SpecCatalog catalog;
    private Document document;
    private final Viewport viewport = new Viewport();
    private final Selection selection = new Selection();
    private final LayoutCache layouts;
    private final RunStates runs = new RunStates();
    private final List<GraphListener> graphListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Document>> documentListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> catalogListeners = new CopyOnWriteArrayList<>();
    private final GraphListener forward = (g, change) -> graphListeners.forEach(l -> l.graphChanged(g, change));
    private TextMeasure text;

    public EditorModel(SpecCatalog catalog, TextMeasure text) {
        this.catalog = catalog;
        this.text = text;
        this.layouts = new LayoutCache(new LayoutEngine(catalog, text));
        this.document = Document.empty();
        document.graph().addListener(forward);
    }

    public SpecCatalog catalog() {
        return catalog;
    }

    /** Switches to a catalog with fresh file lists (or other specs); layouts are redone. */
    public void setCatalog(SpecCatalog c) {
        catalog = c;
        layouts.setEngine(new LayoutEngine(c, text));
        catalogListeners.forEach(Runnable::run);
    }

    /** Switches the text measure (a font change); layouts are redone. */
    public void setTextMeasure(TextMeasure t) {
        text = t;
        layouts.setEngine(new LayoutEngine(catalog, t));
    }

    public Document document() {
        return document;
    }

    public Graph graph() {
        return document.graph();
    }

    public Viewport viewport() {
        return viewport;
    }

    public Selection selection() {
        return selection;
    }

    public LayoutCache layouts() {
        return layouts;
    }

    public RunStates runs() {
        return runs;
    }

    public GraphGeometry geometry() {
        return new GraphGeometry(document.graph(), layouts);
    }

    /** Replaces the open document; selection and layouts start afresh. */
    public void open(Document d) {
        document.graph().removeListener(forward);
        document = d;
        d.graph().addListener(forward);
        layouts.clear();
        selection.clear();
        runs.clearNodes();
        documentListeners.forEach(l -> l.accept(d));
    }

    /** Performs an edit as one undo step. */
    public AppliedEdit perform(GraphEdit edit) {
        return perform(edit, null);
    }

    /** Performs an edit, merging it into the previous step when {@code mergeKey} matches (a drag). */
    public AppliedEdit perform(GraphEdit edit, Object mergeKey) {
        AppliedEdit a = document.history().perform(edit, mergeKey);
        selection.prune(document.graph());
        return a;
    }

    public boolean undo() {
        if (!document.history().canUndo()) {
            return false;
        }
        document.history().undo();
        selection.prune(document.graph());
        return true;
    }

    public boolean redo() {
        if (!document.history().canRedo()) {
            return false;
        }
        document.history().redo();
        selection.prune(document.graph());
        return true;
    }

    /** Told after every edit of whichever document is open. */
    public void addGraphListener(GraphListener l) {
        graphListeners.add(l);
    }

    /** Told when another document is opened. */
    public void addDocumentListener(Consumer<Document> l) {
        documentListeners.add(l);
    }

    /** Told when the catalog changes. */
    public void addCatalogListener(Runnable l) {
        catalogListeners.add(l);
    }
}
