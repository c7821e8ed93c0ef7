package dev.weft.ui;

import dev.weft.graph.GraphEdit;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.Point;
import dev.weft.nodes.ModelFolders;
import dev.weft.ui.UserPrompts.SaveChoice;
import dev.weft.ui.canvas.NodeCreation;
import dev.weft.ui.canvas.WidgetBox;
import dev.weft.ui.files.Autosaver;
import dev.weft.ui.files.DocumentIo;
import dev.weft.ui.files.DropAction;
import dev.weft.ui.files.ImageImport;
import dev.weft.ui.files.RecoveryStore;
import dev.weft.ui.model.Document;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.settings.SettingsHolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * New, Open, Save, Save As, Export API prompt, Recent, dropped files, image upload and recovery:
 * the file side of the editor, with the "save your changes?" question before anything replaces
 * unsaved work. FX thread.
 */
public final class DocumentActions {
    private final EditorModel model;
    private final SettingsHolder settings;
    private final FileDialogs dialogs;
    private final UserPrompts prompts;
    private final Autosaver autosaver;
    private final RecoveryStore recovery;
    private final Supplier<Window> owner;
    private final Runnable fitView;
    private final Consumer<String> status;
    private final Runnable refreshCatalog;
    private final Supplier<ModelFolders> folders;

    /**
     * @param fitView fits the graph into the view (after opening a file with no stored view)
     * @param status shows a message in the status line
     * @param refreshCatalog re-reads the file lists (after an image lands in the input folder)
     * @param folders the current models and input folders
     */
    public DocumentActions(EditorModel model, SettingsHolder settings, FileDialogs dialogs, UserPrompts prompts,
            Autosaver autosaver, RecoveryStore recovery, Supplier<Window> owner, Runnable fitView,
            Consumer<String> status, Runnable refreshCatalog, Supplier<ModelFolders> folders) {
        this.model = model;
        this.settings = settings;
        this.dialogs = dialogs;
        this.prompts = prompts;
        this.autosaver = autosaver;
        this.recovery = recovery;
        this.owner = owner;
        this.fitView = fitView;
        this.status = status;
        this.refreshCatalog = refreshCatalog;
        this.folders = folders;
    }

    /** Asks to save unsaved work; false when the user cancels (or the save failed). */
    public boolean confirmDiscard() {
        if (!model.document().dirty()) {
            return true;
        }
        SaveChoice c = prompts.confirmDiscard(owner.get(), model.document().name());
        return switch (c) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    public boolean newDocument() {
        if (!confirmDiscard()) {
            return false;
        }
        model.open(Document.empty());
        model.viewport().set(0, 0, 1);
        autosaver.clear();
        status.accept("New workflow");
        return true;
    }

    public boolean open() {
        Optional<Path> f = dialogs.openWorkflow(owner.get(), recentFolder());
        return f.isPresent() && open(f.get());
    }

    /** Opens a workflow file (JSON, or PNG with an embedded workflow) after the unsaved-work question. */
    public boolean open(Path file) {
        if (!confirmDiscard()) {
            return false;
        }
        return openWithoutAsking(file);
    }

    /** Opens a file at start-up or after the question was already asked. */
    public boolean openWithoutAsking(Path file) {
        DocumentIo.Opened o;
        try {
            o = DocumentIo.open(file, model.catalog());
        } catch (IOException e) {
            prompts.error(owner.get(), "Cannot open " + file.getFileName(), e.getMessage());
            return false;
        }
        show(o.document());
        o.repairs().forEach(r -> model.runs().warning(-1, file.getFileName() + ": " + r));
        o.document().file().ifPresent(p -> settings.update(s -> s.withRecent(p)));
        autosaver.clear();
        status.accept("Opened " + file.getFileName());
        return true;
    }

    private void show(Document d) {
        model.open(d);
        if (d.storedView().isPresent()) {
            model.viewport().set(d.storedView().get());
        } else {
            fitView.run();
        }
    }

    public boolean save() {
        Optional<Path> f = model.document().file();
        return f.isPresent() ? saveTo(f.get()) : saveAs();
    }

    public boolean saveAs() {
        String name = model.document().name().replaceAll("\\.(png|json)$", "") + ".json";
        Optional<Path> f = dialogs.saveFile(owner.get(), "Save workflow", name, "json", recentFolder());
        return f.isPresent() && saveTo(f.get());
    }

    private boolean saveTo(Path file) {
        try {
            DocumentIo.save(model.document(), file, model.viewport().state());
        } catch (IOException e) {
            prompts.error(owner.get(), "Cannot save " + file.getFileName(), e.getMessage());
            return false;
        }
        settings.update(s -> s.withRecent(file));
        autosaver.clear();
        status.accept("Saved " + file);
        model.runs().info("Saved " + file);
        return true;
    }

    public boolean exportPrompt() {
        String name = model.document().name().replaceAll("\\.(png|json)$", "") + ".api.json";
        Optional<Path> f = dialogs.saveFile(owner.get(), "Export API prompt", name, "json", recentFolder());
        if (f.isEmpty()) {
            return false;
        }
        try {
            DocumentIo.exportPrompt(model.graph(), model.catalog(), f.get());
        } catch (IOException e) {
            prompts.error(owner.get(), "Cannot export the API prompt", e.getMessage());
            return false;
        }
        status.accept("Exported the API prompt to " + f.get());
        return true;
    }

    /** Files dropped on the canvas: the first workflow opens; images become LoadImage nodes. */
    public void drop(List<Path> files, Point canvasPos) {
        double dy = 0;
        for (Path f : files) {
            DropAction a = DropAction.classify(f);
            if (a instanceof DropAction.OpenWorkflow) {
                open(f);
                return;
            }
            if (a instanceof DropAction.ImportImage) {
                importImage(f, canvasPos.translate(0, dy));
                dy += 360;
            } else if (a instanceof DropAction.Unsupported u) {
                status.accept(u.reason());
            }
        }
    }

    private void importImage(Path image, Point at) {
        Optional<NodeSpec> spec = model.catalog().find("LoadImage");
        if (spec.isEmpty()) {
            status.accept("Cannot add " + image.getFileName() + ": there is no LoadImage node spec");
            return;
        }
        String name;
        try {
            name = ImageImport.copyIntoInput(image, folders.get().inputFolder());
        } catch (IOException e) {
            prompts.error(owner.get(), "Cannot import " + image.getFileName(), "Copying it into the input folder "
                    + folders.get().inputFolder() + " failed: " + e.getMessage());
            return;
        }
        refreshCatalog.run();
        NodeSpec load = model.catalog().find("LoadImage").orElse(spec.get());
        NodeCreation.Created c = NodeCreation.add(model.graph(), load, at, Optional.empty());
        int index = load.widgetLayout().indexOf("image");
        model.perform(GraphEdit.Compound.of(c.edit(),
                new GraphEdit.SetWidgetValue(c.nodeId(), index, new com.google.gson.JsonPrimitive(name))));
        model.selection().selectOnly(c.nodeId());
        status.accept("Copied " + image.getFileName() + " into " + folders.get().inputFolder());
    }

    /** The LoadImage upload button: choose an image, copy it into the input folder, select it. */
    public void uploadImage(int nodeId, WidgetBox box) {
        Optional<Path> f = dialogs.openImage(owner.get());
        if (f.isEmpty()) {
            return;
        }
        try {
            String name = ImageImport.copyIntoInput(f.get(), folders.get().inputFolder());
            refreshCatalog.run();
            Node n = model.graph().requireNode(nodeId);
            int target = box.slot().input() == null ? 0 : model.catalog().find(n.type())
                    .map(s -> s.widgetLayout().indexOf(box.slot().input().name())).orElse(0);
            model.perform(new GraphEdit.SetWidgetValue(nodeId, target, new com.google.gson.JsonPrimitive(name)));
        } catch (IOException e) {
            prompts.error(owner.get(), "Cannot import " + f.get().getFileName(), e.getMessage());
        }
    }

    /** Offers the recovery copy of a session that ended without saving; true when it was restored. */
    public boolean offerRecovery() {
        Optional<RecoveryStore.Recovery> r = recovery.read();
        if (r.isEmpty()) {
            return false;
        }
        String source = r.get().source().map(p -> p.getFileName().toString()).orElse("(never saved)");
        if (!prompts.offerRecovery(owner.get(), source, r.get().savedAt())) {
            autosaver.clear();
            return false;
        }
        try {
            Document d = DocumentIo.fromJson(r.get().workflow(), r.get().source());
            show(d);
            // the restored graph is unsaved work: make it dirty so closing asks again
            d.history().perform(new GraphEdit.Compound(List.of()));
            status.accept("Restored the unsaved workflow " + source);
            return true;
        } catch (IOException e) {
            prompts.error(owner.get(), "Cannot restore the unsaved workflow", e.getMessage());
            return false;
        }
    }

    private Optional<Path> recentFolder() {
        return model.document().file().map(Path::getParent)
                .or(() -> settings.get().recentFiles().stream().findFirst().map(Path::getParent));
    }
}
