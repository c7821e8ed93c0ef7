package dev.weft.ui.panels;

import dev.weft.ui.model.LogEntry;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.model.RunInfo;
import dev.weft.ui.model.RunStates;
import dev.weft.ui.model.RunStatus;
import dev.weft.ui.render.ImageCache;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The bottom panel: the run queue with each run's progress (and a cancel button), the log of
 * errors and messages, and a preview of the latest sampler step or output image.
 */
public final class RunPanel extends VBox {
    private final RunStates runs;
    private final ListView<RunInfo> queue = new ListView<>();
    private final ListView<LogEntry> log = new ListView<>();
    private final ImageView preview = new ImageView();
    private final Label noPreview = new Label("No preview yet: run a workflow to see the sampler's steps here.");
    private final TabPane tabs = new TabPane();
    private final ImageCache images;
    private final Function<OutputImage, Optional<Path>> locate;
    private final Tab logTab;
    private int seenLog;
    private OutputImage shownOutput;

    /**
     * @param cancel cancels a run by id
     * @param locate finds the file of an output image
     */
    public RunPanel(RunStates runs, ImageCache images, Function<OutputImage, Optional<Path>> locate,
            Consumer<String> cancel) {
        this.runs = runs;
        this.images = images;
        this.locate = locate;
        getStyleClass().add("run-panel");
        queue.setId("run-queue");
        log.setId("run-log");
        queue.setCellFactory(v -> new RunCell(cancel));
        log.setCellFactory(v -> new LogCell());
        Button clear = new Button("Clear finished");
        clear.setOnAction(e -> runs.clearFinishedRuns());
        VBox queueBox = new VBox(queue, clear);
        VBox.setVgrow(queue, Priority.ALWAYS);
        preview.setPreserveRatio(true);
        preview.setId("preview-image");
        noPreview.getStyleClass().add("preview-empty");
        StackPane previewPane = new StackPane(noPreview, preview);
        previewPane.getStyleClass().add("preview-pane");
        preview.fitHeightProperty().bind(previewPane.heightProperty().subtract(8));
        preview.fitWidthProperty().bind(previewPane.widthProperty().subtract(8));
        previewPane.setMinSize(0, 0);
        Tab queueTab = new Tab("Queue", queueBox);
        logTab = new Tab("Log", log);
        Tab previewTab = new Tab("Preview", previewPane);
        for (Tab t : new Tab[] {queueTab, logTab, previewTab}) {
            t.setClosable(false);
        }
        tabs.getTabs().addAll(queueTab, logTab, previewTab);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().add(tabs);
        runs.addListener(this::refresh);
        refresh();
    }

    public ListView<RunInfo> queue() {
        return queue;
    }

    public ListView<LogEntry> log() {
        return log;
    }

    public ImageView preview() {
        return preview;
    }

    private void refresh() {
        queue.getItems().setAll(runs.runs());
        var entries = runs.log();
        log.getItems().setAll(entries);
        if (entries.size() > seenLog && entries.get(entries.size() - 1).level() == LogEntry.Level.ERROR) {
            tabs.getSelectionModel().select(logTab);
        }
        seenLog = entries.size();
        if (!entries.isEmpty()) {
            log.scrollTo(entries.size() - 1);
        }
        Object newest = runs.latestVisual().orElse(null);
        Image img = null;
        if (newest instanceof dev.weft.nodes.PreviewFrame f) {
            img = images.frame(f);
        } else if (newest instanceof OutputImage o && o != shownOutput) {
            shownOutput = o;
            // loads in the background; the view shows it when it arrives
            img = locate.apply(o).map(p -> new Image(p.toUri().toString(), true)).orElse(null);
        }
        if (img != null) {
            preview.setImage(img);
        }
        noPreview.setVisible(preview.getImage() == null);
    }

    private static final class RunCell extends ListCell<RunInfo> {
        private final Label label = new Label();
        private final Label status = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Button cancel = new Button("Cancel");
        private final HBox row = new HBox(label, bar, status, cancel);

        RunCell(Consumer<String> onCancel) {
            row.getStyleClass().add("run-row");
            row.setAlignment(Pos.CENTER_LEFT);
            bar.setPrefWidth(220);
            status.getStyleClass().add("run-status");
            cancel.setOnAction(e -> {
                if (getItem() != null) {
                    onCancel.accept(getItem().runId());
                }
            });
        }

        @Override
        protected void updateItem(RunInfo r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            label.setText(r.label() + " " + r.runId());
            bar.setProgress(r.progress());
            String s = r.status().name().toLowerCase();
            if (r.status() == RunStatus.RUNNING && r.currentNode() != null) {
                s += " · node " + r.currentNode() + (r.steps() > 0 ? " " + r.step() + "/" + r.steps() : "");
            }
            if (r.elapsed() != null) {
                s += String.format(" · %.1f s", r.elapsed().toMillis() / 1000.0);
            }
            status.setText(s);
            status.getStyleClass().removeAll("error", "success");
            if (r.status() == RunStatus.ERROR) {
                status.getStyleClass().add("error");
            } else if (r.status() == RunStatus.SUCCESS) {
                status.getStyleClass().add("success");
            }
            cancel.setDisable(r.status().ended());
            setGraphic(row);
        }
    }

    private static final class LogCell extends ListCell<LogEntry> {
        @Override
        protected void updateItem(LogEntry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().removeAll("log-error", "log-warning", "log-info");
            if (empty || e == null) {
                setText(null);
                return;
            }
            setText(e.toString());
            setWrapText(true);
            getStyleClass().add(switch (e.level()) {
                case ERROR -> "log-error";
                case WARNING -> "log-warning";
                case INFO -> "log-info";
            });
        }
    }
}
