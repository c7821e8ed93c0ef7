package dev.weft.ui;

import dev.weft.graph.NodeSpec;
import dev.weft.graph.Point;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.ui.canvas.EditCommands;
import dev.weft.ui.canvas.InteractionController;
import dev.weft.ui.files.Autosaver;
import dev.weft.ui.files.RecoveryStore;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.model.SpecCatalog;
import dev.weft.ui.panels.InspectorPanel;
import dev.weft.ui.panels.LibraryDrag;
import dev.weft.ui.panels.NodeLibraryPanel;
import dev.weft.ui.panels.RunPanel;
import dev.weft.ui.popup.CanvasPopups;
import dev.weft.ui.popup.WidgetEditors;
import dev.weft.ui.render.CanvasView;
import dev.weft.ui.render.FxText;
import dev.weft.ui.render.GraphRenderer;
import dev.weft.ui.render.ImageCache;
import dev.weft.ui.run.EventCoalescer;
import dev.weft.ui.run.RunController;
import dev.weft.ui.run.RunService;
import dev.weft.ui.settings.Settings;
import dev.weft.ui.settings.SettingsHolder;
import dev.weft.ui.settings.SettingsStore;
import dev.weft.ui.settings.Theme;
import dev.weft.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The editor window: menu and tool bar, node library, canvas, inspector, run panel and status
 * line, wired to one {@link EditorModel}. Builds the parts and connects them; the behaviour lives
 * in the parts. FX thread only.
 */
public final class EditorWindow {
    private final Stage stage;
    private final LaunchOptions options;
    private final SettingsHolder settings;
    private final EditorModel model;
    private final EditCommands commands;
    private final CanvasView canvas;
    private final CanvasPopups popups;
    private final WidgetEditors editors;
    private final RunController runs;
    private final DocumentActions documents;
    private final Autosaver autosaver;
    private final ThemeManager themes = new ThemeManager();
    private final NodeLibraryPanel library;
    private final InspectorPanel inspector;
    private final RunPanel runPanel;
    private final MainMenu menu;
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "weft-autosave");
        t.setDaemon(true);
        return t;
    });
    private final EventCoalescer events;
    private final NodeRegistry registry;
    private ModelFolders folders;
    private boolean closed;

    public EditorWindow(Stage stage, LaunchOptions options) {
        this.stage = stage;
        this.options = options;
        this.settings = new SettingsHolder(new SettingsStore(options.settingsFolder()), this::status);
        this.folders = folders(settings.get());
        this.registry = options.registry().get();
        FxText text = new FxText();
        this.model = new EditorModel(SpecCatalog.of(registry, folders), text);
        this.commands = new EditCommands(model);
        ImageCache images = new ImageCache(() -> canvasView().markDirty());
        GraphRenderer renderer = new GraphRenderer(text, images);
        renderer.setLocator(this::locate);
        this.canvas = new CanvasView(model, commands, renderer);
        Pane overlay = new Pane();
        overlay.setPickOnBounds(false);
        this.editors = new WidgetEditors(overlay, model, this::status);
        this.autosaver = new Autosaver(model, new RecoveryStore(options.settingsFolder()), new FxScheduler(), io,
                Clock.systemUTC(), this::status);
        this.documents = new DocumentActions(model, settings, options.dialogs(), options.prompts(), autosaver,
                new RecoveryStore(options.settingsFolder()), () -> stage, () -> canvas.fit(), this::status,
                this::refreshCatalog, () -> folders);
        this.popups = new CanvasPopups(canvas, model, commands, editors, this::status, documents::uploadImage);
        InteractionController controller = new InteractionController(model, commands, popups);
        canvas.setController(controller);
        editors.setWidgets(controller.widgets());
        this.runs = new RunController(model, engine(), new FxScheduler(), Math::random);
        this.events = new EventCoalescer(Platform::runLater, model.runs()::applyAll);
        runs.service().addListener(events);
        LibraryDrag drag = new LibraryDrag();
        this.library = new NodeLibraryPanel(model.catalog(), drag, this::addAtCentre);
        this.inspector = new InspectorPanel(model, controller.widgets(), this::status);
        this.runPanel = new RunPanel(model.runs(), images, this::locate, id -> runs.cancel(id));
        this.menu = new MainMenu(this);

        StackPane centre = new StackPane(canvas, overlay);
        centre.setMinSize(0, 0);
        SplitPane across = new SplitPane(library, centre, inspector);
        across.setDividerPositions(0.15, 0.79);
        SplitPane.setResizableWithParent(library, false);
        SplitPane.setResizableWithParent(inspector, false);
        SplitPane down = new SplitPane(across, runPanel);
        down.setOrientation(Orientation.VERTICAL);
        down.setDividerPositions(0.8);
        SplitPane.setResizableWithParent(runPanel, false);
        status.getStyleClass().add("status-text");
        status.setId("status");
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        root.setTop(new VBox(menu.menuBar(), menu.toolBar()));
        root.setCenter(down);
        root.setBottom(statusBar);
        installDrops(drag);

        Scene scene = new Scene(root, 1440, 900);
        stage.setScene(scene);
        setTheme(settings.get().theme());
        setMinimap(settings.get().minimap());
        if (settings.get().runOnChange()) {
            setRunOnChange(true);
        }
        model.addGraphListener((g, e) -> updateTitle());
        model.addDocumentListener(d -> updateTitle());
        stage.setOnCloseRequest(e -> {
            if (!documents.confirmDiscard()) {
                e.consume();
            } else {
                shutDown();
            }
        });
        updateTitle();
        status(runs.service().available() ? "Ready" : "Ready (runs are not available: the engine is missing)");
    }

    // ---- accessors for the menu and for tests

    public Stage stage() {
        return stage;
    }

    public EditorModel model() {
        return model;
    }

    public EditCommands commands() {
        return commands;
    }

    public CanvasView canvas() {
        return canvas;
    }

    public CanvasPopups popups() {
        return popups;
    }

    public WidgetEditors editors() {
        return editors;
    }

    public RunController runs() {
        return runs;
    }

    public DocumentActions documents() {
        return documents;
    }

    public SettingsHolder settings() {
        return settings;
    }

    public NodeLibraryPanel library() {
        return library;
    }

    public InspectorPanel inspector() {
        return inspector;
    }

    public RunPanel runPanel() {
        return runPanel;
    }

    public Theme theme() {
        return themes.theme();
    }

    public ModelFolders folders() {
        return folders;
    }

    public String statusText() {
        return status.getText();
    }

    // ---- actions

    /** Queues a run (the Run button). */
    public void run() {
        runs.queue().ifPresentOrElse(id -> status("Queued run " + id),
                () -> status("The run was refused; see the log and the marked nodes"));
    }

    public void setRunOnChange(boolean on) {
        runs.setRunOnChange(on);
        menu.showRunOnChange(on);
        settings.update(s -> s.withRunOnChange(on));
        status(on ? "Run on change is on: edits queue a run" : "Run on change is off");
    }

    public void setTheme(Theme t) {
        canvas.setPalette(themes.apply(stage.getScene(), root, t));
        menu.showTheme(t);
        settings.update(s -> s.withTheme(t));
    }

    public void setMinimap(boolean on) {
        canvas.setMinimapVisible(on);
        settings.update(s -> s.withMinimap(on));
    }

    public void showSettings() {
        SettingsDialog.show(stage, settings.get(), options.dialogs()).ifPresent(this::applySettings);
    }

    /** Takes new folders: re-reads the file lists and restarts the engine on them. */
    public void applySettings(Settings s) {
        settings.update(x -> s);
        folders = folders(s);
        refreshCatalog();
        RunService old = runs.service();
        old.removeListener(events);
        closeInBackground(old);
        runs.setService(engine());
        runs.service().addListener(events);
        status("Settings saved; models from " + folders.modelsRoot());
    }

    /** Closes the window after the unsaved-work question. */
    public void requestClose() {
        if (documents.confirmDiscard()) {
            shutDown();
            stage.close();
        }
    }

    public void status(String text) {
        status.setText(text);
        updateTitle();
    }

    /** Opens a workflow at start-up, or offers the recovery copy of a crashed session. */
    void start(Optional<Path> workflow) {
        if (documents.offerRecovery()) {
            return;
        }
        workflow.ifPresent(documents::openWithoutAsking);
    }

    private void addAtCentre(NodeSpec spec) {
        Point c = model.viewport().toCanvas(canvas.getWidth() / 2, canvas.getHeight() / 2);
        commands.addNode(spec, c, Optional.empty());
        canvas.requestFocus();
    }

    private void installDrops(LibraryDrag drag) {
        canvas.addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, e -> drag.take().ifPresent(spec -> {
            commands.addNode(spec, model.viewport().toCanvas(e.getX(), e.getY()), Optional.empty());
            canvas.requestFocus();
            e.consume();
        }));
        canvas.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        canvas.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            if (e.getDragboard().hasFiles()) {
                Point at = model.viewport().toCanvas(e.getX(), e.getY());
                var files = e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList();
                e.setDropCompleted(true);
                e.consume();
                // after the drop returns, so a "save changes?" dialog does not block the platform's drag
                Platform.runLater(() -> documents.drop(files, at));
            }
        });
    }

    /** Re-reads the models and input folders for the file combos (after adding files). */
    public void refreshCatalog() {
        model.setCatalog(SpecCatalog.of(registry, folders));
        library.setCatalog(model.catalog());
        canvas.markDirty();
    }

    private RunService engine() {
        Path output = settings.get().outputFolder().orElse(Path.of("output")).toAbsolutePath();
        return options.engine().create(registry, folders, output, options.settingsFolder().resolve("temp"));
    }

    private Optional<Path> locate(OutputImage image) {
        if ("input".equals(image.type())) {
            Path p = folders.inputFolder().resolve(image.subfolder()).resolve(image.filename());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        return runs == null ? Optional.empty() : runs.service().locate(image);
    }

    private ModelFolders folders(Settings s) {
        ModelFolders f = ModelFolders.locate(options.modelsFolder().or(s::modelsFolder));
        return s.inputFolder().map(f::withInputFolder).orElse(f);
    }

    private CanvasView canvasView() {
        return canvas;
    }

    private void updateTitle() {
        var d = model.document();
        stage.setTitle(d.name() + (d.dirty() ? " •" : "") + " — Weft");
    }

    private void shutDown() {
        if (closed) {
            return;
        }
        closed = true;
        autosaver.clear();
        runs.service().removeListener(events);
        closeInBackground(runs.service());
        io.shutdown();
    }

    /** Stops an engine without making the FX thread wait for its running node to reach a cancel point. */
    private static void closeInBackground(RunService s) {
        Thread t = new Thread(s::close, "weft-engine-close");
        t.setDaemon(true);
        t.start();
    }
}
