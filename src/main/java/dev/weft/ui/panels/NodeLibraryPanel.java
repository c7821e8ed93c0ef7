package dev.weft.ui.panels;

import dev.weft.graph.NodeSpec;
import dev.weft.ui.model.NodeSearch;
import dev.weft.ui.model.SearchFilter;
import dev.weft.ui.model.SpecCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;

/**
 * The node library: every node type by category (the specs' {@code category}, split on '/'), a
 * search field that narrows the tree to fuzzy matches, and drag to the canvas (or double-click /
 * Enter to add at the centre of the view).
 */
public final class NodeLibraryPanel extends VBox {
    private final TreeView<Object> tree = new TreeView<>();
    private final TextField search = TextFields.createClearableTextField();
    private final LibraryDrag drag;
    private final Consumer<NodeSpec> add;
    private SpecCatalog catalog;

    /**
     * @param drag shared with the canvas, which takes the dragged type on release
     * @param add adds a type at the centre of the view
     */
    public NodeLibraryPanel(SpecCatalog catalog, LibraryDrag drag, Consumer<NodeSpec> add) {
        this.catalog = catalog;
        this.drag = drag;
        this.add = add;
        getStyleClass().add("side-panel");
        Label title = new Label("Node library");
        title.getStyleClass().add("panel-title");
        search.setPromptText("Search nodes");
        search.setId("library-search");
        tree.setId("library-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new Cell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(title, search, tree);
        search.textProperty().addListener((o, a, b) -> rebuild());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                firstLeaf(tree.getRoot()).ifPresent(add);
            }
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                selected().ifPresent(add);
            }
        });
        rebuild();
    }

    public void setCatalog(SpecCatalog c) {
        catalog = c;
        rebuild();
    }

    public TreeView<Object> tree() {
        return tree;
    }

    private java.util.Optional<NodeSpec> selected() {
        TreeItem<Object> i = tree.getSelectionModel().getSelectedItem();
        return i != null && i.getValue() instanceof NodeSpec s ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    private static java.util.Optional<NodeSpec> firstLeaf(TreeItem<Object> item) {
        if (item.getValue() instanceof NodeSpec s) {
            return java.util.Optional.of(s);
        }
        for (TreeItem<Object> c : item.getChildren()) {
            java.util.Optional<NodeSpec> s = firstLeaf(c);
            if (s.isPresent()) {
                return s;
            }
        }
        return java.util.Optional.empty();
    }

    private void rebuild() {
        TreeItem<Object> root = new TreeItem<>("root");
        String q = search.getText() == null ? "" : search.getText().trim();
        if (!q.isEmpty()) {
            for (NodeSpec s : new NodeSearch(catalog.all()).search(q, SearchFilter.NONE, 100)) {
                root.getChildren().add(new TreeItem<>(s));
            }
        } else {
            Map<String, TreeItem<Object>> folders = new HashMap<>();
            catalog.all().stream().sorted(java.util.Comparator.comparing(NodeSpec::category)
                    .thenComparing(NodeSpec::displayName)).forEach(s -> folder(root, folders, s.category())
                    .getChildren().add(new TreeItem<>(s)));
        }
        tree.setRoot(root);
    }

    private static TreeItem<Object> folder(TreeItem<Object> root, Map<String, TreeItem<Object>> folders, String category) {
        if (category.isBlank()) {
            return root;
        }
        TreeItem<Object> f = folders.get(category);
        if (f != null) {
            return f;
        }
        int slash = category.lastIndexOf('/');
        TreeItem<Object> parent = slash < 0 ? root : folder(root, folders, category.substring(0, slash));
        f = new TreeItem<>(new Category(slash < 0 ? category : category.substring(slash + 1)));
        f.setExpanded(true);
        parent.getChildren().add(f);
        folders.put(category, f);
        return f;
    }

    /** A category folder in the tree. */
    record Category(String name) {
    }

    private final class Cell extends TreeCell<Object> {
        Cell() {
            setOnDragDetected(e -> {
                if (getItem() instanceof NodeSpec s && e.getButton() == MouseButton.PRIMARY) {
                    drag.start(s);
                    startFullDrag();
                    e.consume();
                }
            });
            // the canvas takes the type on MOUSE_DRAG_RELEASED, which comes first; forget a drag dropped elsewhere
            setOnMouseReleased(e -> javafx.application.Platform.runLater(drag::clear));
            setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && getItem() instanceof NodeSpec s) {
                    add.accept(s);
                }
            });
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("library-category", "library-node");
            setTooltip(null);
            if (empty || item == null) {
                setText(null);
            } else if (item instanceof NodeSpec s) {
                setText(s.displayName());
                getStyleClass().add("library-node");
                if (!s.description().isBlank()) {
                    setTooltip(new Tooltip(s.description()));
                }
            } else if (item instanceof Category c) {
                setText(c.name());
                getStyleClass().add("library-category");
            } else {
                setText(item.toString());
            }
        }
    }
}
