package dev.weft.ui.popup;

import dev.weft.graph.Bounds;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Group;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import dev.weft.ui.canvas.CanvasHost;
import dev.weft.ui.canvas.EditCommands;
import dev.weft.ui.canvas.GraphGeometry;
import dev.weft.ui.canvas.MenuAction;
import dev.weft.ui.canvas.WidgetBox;
import dev.weft.ui.canvas.WidgetPart;
import dev.weft.ui.canvas.WireEnd;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.SearchFilter;
import dev.weft.ui.render.CanvasView;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The JavaFX side of {@link CanvasHost}: redraws, the node search box, widget and title editors,
 * context menus, tooltips and the status line, for one {@link CanvasView}.
 */
public final class CanvasPopups implements CanvasHost {
    private final CanvasView view;
    private final EditorModel model;
    private final EditCommands commands;
    private final WidgetEditors editors;
    private final NodeSearchPopup search = new NodeSearchPopup();
    private final Consumer<String> status;
    private final BiConsumer<Integer, WidgetBox> upload;
    private final ContextMenu menu = new ContextMenu();
    private final Tooltip tooltip = new Tooltip();
    private final PauseTransition tooltipDelay = new PauseTransition(Duration.millis(600));
    private String tooltipText;
    private Point2D tooltipAt;

    /**
     * @param status shows a message in the status line
     * @param upload handles a LoadImage upload button (node id, widget)
     */
    public CanvasPopups(CanvasView view, EditorModel model, EditCommands commands, WidgetEditors editors,
            Consumer<String> status, BiConsumer<Integer, WidgetBox> upload) {
        this.view = view;
        this.model = model;
        this.commands = commands;
        this.editors = editors;
        this.status = status;
        this.upload = upload;
        menu.setId("canvas-menu");
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        tooltipDelay.setOnFinished(e -> {
            if (tooltipText != null && view.getScene() != null && view.getScene().getWindow() != null) {
                tooltip.setText(tooltipText);
                tooltip.show(view, tooltipAt.getX() + 12, tooltipAt.getY() + 16);
            }
        });
    }

    public NodeSearchPopup search() {
        return search;
    }

    public ContextMenu menu() {
        return menu;
    }

    public Tooltip tooltip() {
        return tooltip;
    }

    @Override
    public void requestRedraw() {
        view.markDirty();
    }

    @Override
    public void openNodeSearch(Point screen, Point canvasPos, Optional<WireEnd> wire) {
        SearchFilter f = wire.map(w -> w.output() ? SearchFilter.fromOutput(w.type()) : SearchFilter.fromInput(w.type()))
                .orElse(SearchFilter.NONE);
        search.show(view, view.localToScreen(screen.x(), screen.y()), model.catalog(), f,
                spec -> commands.addNode(spec, canvasPos, wire));
    }

    @Override
    public void editWidget(int nodeId, WidgetBox box, WidgetPart part, int row) {
        editors.edit(nodeId, box, part, row);
    }

    @Override
    public void editTitle(int nodeId, int groupIndex) {
        if (nodeId >= 0) {
            Node n = model.graph().requireNode(nodeId);
            Bounds bar = model.geometry().layout(n).titleBar();
            editors.editTitle(bar, n.displayTitle(model.catalog()), text -> {
                String t = text.isBlank() ? null : text;
                if (model.graph().node(nodeId).isPresent()) {
                    model.perform(new GraphEdit.SetTitle(nodeId, t));
                }
            });
        } else if (groupIndex >= 0 && groupIndex < model.graph().groups().size()) {
            Group g = model.graph().groups().get(groupIndex);
            editors.editTitle(GraphGeometry.groupTitle(g), g.title(), text -> {
                if (groupIndex < model.graph().groups().size() && !text.isBlank()) {
                    model.perform(new GraphEdit.EditGroup(groupIndex, model.graph().groups().get(groupIndex)
                            .withTitle(text)));
                }
            });
        }
    }

    @Override
    public void uploadImage(int nodeId, WidgetBox box) {
        upload.accept(nodeId, box);
    }

    @Override
    public void showContextMenu(Point screen, List<MenuAction> actions) {
        menu.getItems().clear();
        for (MenuAction a : actions) {
            MenuItem mi = new MenuItem(a.label());
            mi.setDisable(!a.enabled());
            mi.setOnAction(e -> {
                a.action().run();
                view.markDirty();
            });
            menu.getItems().add(mi);
        }
        Point2D s = view.localToScreen(screen.x(), screen.y());
        menu.show(view, s.getX(), s.getY());
    }

    @Override
    public void showStatus(String message) {
        status.accept(message);
    }

    @Override
    public void showTooltip(Point screen, String text) {
        if (text == null || screen == null) {
            tooltipText = null;
            tooltipDelay.stop();
            tooltip.hide();
            return;
        }
        if (text.equals(tooltipText) && tooltip.isShowing()) {
            return;
        }
        tooltip.hide();
        tooltipText = text;
        tooltipAt = view.localToScreen(screen.x(), screen.y());
        tooltipDelay.playFromStart();
    }

    @Override
    public void setCursor(CursorKind cursor) {
        view.setCursorKind(cursor);
    }
}
