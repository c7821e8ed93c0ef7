package dev.weft.ui.popup;

import dev.weft.graph.Bounds;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import dev.weft.ui.canvas.RowListGeometry;
import dev.weft.ui.canvas.WidgetBox;
import dev.weft.ui.canvas.WidgetInteraction;
import dev.weft.ui.canvas.WidgetPart;
import dev.weft.ui.canvas.WidgetStyle;
import dev.weft.ui.model.EditorModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;

/**
 * The light editors laid over the canvas for inline widgets: a text field for numbers and single
 * lines, a text area for prompts, and a filterable list for combos. They sit on an overlay pane
 * with the canvas's coordinates, over the widget they edit, and commit through
 * {@link WidgetInteraction} (so the change is one undo step).
 */
public final class WidgetEditors {
    /** Combo entries shown at most; the filter narrows longer lists. */
    static final int COMBO_LIMIT = 60;

    private final Pane overlay;
    private final EditorModel model;
    private WidgetInteraction widgets;
    private final Consumer<String> status;
    private TextInputControl open;
    private final ContextMenu combo = new ContextMenu();

    public WidgetEditors(Pane overlay, EditorModel model, Consumer<String> status) {
        this.overlay = overlay;
        this.model = model;
        this.status = status;
        combo.setId("widget-combo");
    }

    public void setWidgets(WidgetInteraction w) {
        widgets = w;
    }

    /** The editor currently open, if any (tests type into it). */
    public Optional<TextInputControl> openEditor() {
        return Optional.ofNullable(open);
    }

    public ContextMenu comboMenu() {
        return combo;
    }

    public void edit(int nodeId, WidgetBox box, WidgetPart part, int row) {
        cancel();
        Node n = model.graph().requireNode(nodeId);
        boolean list = box.style() == WidgetStyle.COMBO
                || (box.style() == WidgetStyle.ROW_LIST && part == WidgetPart.ROW_NAME);
        if (list) {
            showCombo(n, box, part, row);
            return;
        }
        Bounds r = box.rect();
        if (box.style() == WidgetStyle.ROW_LIST) {
            r = RowListGeometry.cell(RowListGeometry.row(r, row), part);
        }
        TextInputControl editor;
        if (box.style() == WidgetStyle.MULTILINE) {
            TextArea a = new TextArea();
            a.setWrapText(true);
            editor = a;
        } else {
            editor = new TextField();
        }
        editor.setId("widget-editor");
        editor.getStyleClass().add("widget-editor");
        editor.setText(widgets.text(n, box, part, row));
        place(editor, r, box.style() == WidgetStyle.MULTILINE);
        overlay.getChildren().add(editor);
        open = editor;
        editor.requestFocus();
        editor.selectAll();
        editor.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancel();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && (editor instanceof TextField || e.isShortcutDown())) {
                commit(nodeId, box, part, row, editor.getText());
                e.consume();
            }
        });
        editor.focusedProperty().addListener((o, was, now) -> {
            if (!now && open == editor) {
                commit(nodeId, box, part, row, editor.getText());
            }
        });
    }

    /** Edits a node's or group's title in place. */
    public void editTitle(Bounds titleBar, String current, Consumer<String> onCommit) {
        cancel();
        TextField f = new TextField(current);
        f.setId("title-editor");
        f.getStyleClass().add("widget-editor");
        place(f, titleBar, false);
        overlay.getChildren().add(f);
        open = f;
        f.requestFocus();
        f.selectAll();
        Runnable done = () -> {
            if (open == f) {
                open = null;
                overlay.getChildren().remove(f);
                onCommit.accept(f.getText());
            }
        };
        f.setOnAction(e -> done.run());
        f.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancel();
                e.consume();
            }
        });
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                done.run();
            }
        });
    }

    /** Closes the open editor without storing what was typed. */
    public void cancel() {
        if (open != null) {
            TextInputControl e = open;
            open = null;
            overlay.getChildren().remove(e);
        }
        combo.hide();
    }

    private void commit(int nodeId, WidgetBox box, WidgetPart part, int row, String text) {
        if (open == null) {
            return;
        }
        cancel();
        if (model.graph().node(nodeId).isEmpty()) {
            return;
        }
        widgets.commitText(nodeId, box, part, row, text).ifPresent(status);
    }

    private void place(TextInputControl editor, Bounds r, boolean multiline) {
        Point tl = model.viewport().toScreen(new Point(r.x(), r.y()));
        double s = model.viewport().scale();
        double w = Math.max(multiline ? 240 : 120, r.width() * s);
        double h = multiline ? Math.max(120, r.height() * s) : Math.max(24, r.height() * s);
        editor.setManaged(false);
        editor.resizeRelocate(tl.x(), tl.y(), w, h);
    }

    private void showCombo(Node n, WidgetBox box, WidgetPart part, int row) {
        List<String> choices = widgets.choices(n, box);
        if (choices.isEmpty()) {
            status.accept("No choices for " + box.label() + (box.style() == WidgetStyle.ROW_LIST || box.input() != null
                    && box.input().options().has("weft_files") ? ": the folder is empty; check Settings › models folder"
                    : ""));
            return;
        }
        TextField filter = new TextField();
        filter.setPromptText("Filter…");
        filter.setId("combo-filter");
        CustomMenuItem head = new CustomMenuItem(filter, false);
        Runnable fill = () -> {
            String q = filter.getText().toLowerCase(Locale.ROOT);
            combo.getItems().setAll(head);
            choices.stream().filter(c -> c.toLowerCase(Locale.ROOT).contains(q)).limit(COMBO_LIMIT).forEach(c -> {
                MenuItem mi = new MenuItem(c);
                mi.setMnemonicParsing(false);
                mi.setOnAction(e -> widgets.commitText(n.id(), box, part, row, c).ifPresent(status));
                combo.getItems().add(mi);
            });
        };
        filter.textProperty().addListener((o, a, b) -> fill.run());
        fill.run();
        Bounds r = box.style() == WidgetStyle.ROW_LIST ? RowListGeometry.cell(RowListGeometry.row(box.rect(), row), part)
                : box.rect();
        Point bl = model.viewport().toScreen(new Point(r.x(), r.y() + r.height()));
        javafx.geometry.Point2D screen = overlay.localToScreen(bl.x(), bl.y());
        combo.show(overlay, screen.getX(), screen.getY());
        filter.requestFocus();
    }
}
