package dev.weft.ui.popup;

import dev.weft.graph.NodeSpec;
import dev.weft.ui.model.NodeSearch;
import dev.weft.ui.model.SearchFilter;
import dev.weft.ui.model.SpecCatalog;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * The node search box (double-click on empty canvas, or a wire released on empty canvas): a
 * query field over a list of fuzzy matches; Enter or a click adds the chosen type.
 */
public final class NodeSearchPopup {
    /** Most results listed. */
    static final int LIMIT = 40;

    private final Popup popup = new Popup();
    private final TextField query = new TextField();
    private final ListView<NodeSpec> results = new ListView<>();
    private NodeSearch search;
    private SearchFilter filter = SearchFilter.NONE;
    private Consumer<NodeSpec> onPick = s -> { };

    public NodeSearchPopup() {
        query.setPromptText("Search nodes…");
        query.setId("node-search-field");
        results.setId("node-search-results");
        results.setPrefSize(360, 320);
        results.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(NodeSpec s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    Label detail = new Label(s.category() + (s.classType().equals(s.displayName()) ? ""
                            : " · " + s.classType()));
                    detail.getStyleClass().add("search-detail");
                    setText(s.displayName());
                    setGraphic(detail);
                    setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                }
            }
        });
        VBox box = new VBox(query, results);
        box.getStyleClass().add("node-search");
        popup.getContent().add(box);
        popup.setAutoHide(true);
        query.textProperty().addListener((o, a, b) -> refresh());
        query.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                pick(results.getSelectionModel().getSelectedItem());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                results.getSelectionModel().selectNext();
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                results.getSelectionModel().selectPrevious();
                e.consume();
            }
        });
        results.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                pick(results.getSelectionModel().getSelectedItem());
            }
        });
    }

    /**
     * Shows the box at a screen point.
     *
     * @param owner a node of the window it belongs to
     * @param onPick told the chosen spec
     */
    public void show(Node owner, Point2D screen, SpecCatalog catalog, SearchFilter f, Consumer<NodeSpec> onPick) {
        this.search = new NodeSearch(catalog.all());
        this.filter = f;
        this.onPick = onPick;
        query.clear();
        refresh();
        popup.show(owner, screen.getX(), screen.getY());
        query.requestFocus();
    }

    public boolean isShowing() {
        return popup.isShowing();
    }

    public void hide() {
        popup.hide();
    }

    private void refresh() {
        if (search == null) {
            return;
        }
        results.getItems().setAll(search.search(query.getText(), filter, LIMIT));
        if (!results.getItems().isEmpty()) {
            results.getSelectionModel().select(0);
        }
    }

    private void pick(NodeSpec s) {
        if (s != null) {
            popup.hide();
            onPick.accept(s);
        }
    }
}
