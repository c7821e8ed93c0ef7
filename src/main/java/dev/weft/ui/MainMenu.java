package dev.weft.ui;

import dev.weft.graph.NodeFlag;
import dev.weft.graph.NodeMode;
import dev.weft.ui.canvas.EditCommands;
import dev.weft.ui.settings.Theme;
import dev.weft.workflow.WorkflowException;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/**
 * The menu bar and tool bar, with ComfyUI's shortcuts (Ctrl+Enter run, Ctrl+Z/Y undo/redo,
 * Ctrl+C/V/Shift+V, Ctrl+G, Ctrl+B, Ctrl+M, Alt+C, ...). Canvas commands do nothing while a text
 * field has the focus, so typing keeps its usual meaning there.
 */
final class MainMenu {
    private final EditorWindow w;
    private final Menu recent = new Menu("Open Recent");
    private final CheckMenuItem runOnChangeItem = new CheckMenuItem("Run on Change");
    private final ToggleButton runOnChangeButton = new ToggleButton("Run on change");
    private final ToggleGroup themes = new ToggleGroup();

    MainMenu(EditorWindow w) {
        this.w = w;
    }

    MenuBar menuBar() {
        DocumentActions docs = w.documents();
        EditCommands cmd = w.commands();
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("New", "Shortcut+N", docs::newDocument),
                item("Open…", "Shortcut+O", docs::open),
                recent,
                item("Save", "Shortcut+S", docs::save),
                item("Save As…", "Shortcut+Shift+S", docs::saveAs),
                item("Export API Prompt…", "Shortcut+Shift+E", docs::exportPrompt),
                item("Refresh Model Lists", null, w::refreshCatalog),
                new javafx.scene.control.SeparatorMenuItem(),
                item("Settings…", "Shortcut+Comma", w::showSettings),
                new javafx.scene.control.SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", w::requestClose));
        file.setOnShowing(e -> fillRecent());
        fillRecent();

        Menu edit = new Menu("Edit");
        edit.getItems().addAll(
                canvas("Undo", "Shortcut+Z", () -> w.model().undo()),
                canvas("Redo", "Shortcut+Y", () -> w.model().redo()),
                canvas("Redo ", "Shortcut+Shift+Z", () -> w.model().redo()),
                new javafx.scene.control.SeparatorMenuItem(),
                canvas("Cut", "Shortcut+X", cmd::cut),
                canvas("Copy", "Shortcut+C", cmd::copy),
                canvas("Paste", "Shortcut+V", () -> paste(false)),
                canvas("Paste with Input Links", "Shortcut+Shift+V", () -> paste(true)),
                canvas("Duplicate", "Shortcut+D", () -> guarded(cmd::duplicate)),
                canvas("Delete", null, cmd::deleteSelection),
                canvas("Select All", "Shortcut+A", cmd::selectAll),
                new javafx.scene.control.SeparatorMenuItem(),
                canvas("Group Selected Nodes", "Shortcut+G", cmd::groupSelection),
                canvas("Bypass", "Shortcut+B", () -> cmd.toggleMode(NodeMode.BYPASS)),
                canvas("Mute", "Shortcut+M", () -> cmd.toggleMode(NodeMode.NEVER)),
                canvas("Collapse / Expand", "Alt+C", () -> cmd.toggleFlag(NodeFlag.COLLAPSED)),
                canvas("Pin / Unpin", null, () -> cmd.toggleFlag(NodeFlag.PINNED)));
        edit.getItems().get(2).setVisible(false); // the second redo binding only needs its accelerator

        Menu view = new Menu("View");
        CheckMenuItem minimap = new CheckMenuItem("Minimap");
        minimap.setSelected(w.canvas().minimapVisible());
        minimap.setOnAction(e -> w.setMinimap(minimap.isSelected()));
        Menu theme = new Menu("Theme");
        for (Theme t : Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(t == Theme.DARK ? "Dark" : "Light");
            r.setToggleGroup(themes);
            r.setUserData(t);
            r.setSelected(t == w.theme());
            r.setOnAction(e -> w.setTheme(t));
            theme.getItems().add(r);
        }
        view.getItems().addAll(
                canvas("Fit View", null, () -> w.canvas().fit()),
                canvas("Zoom In", "Alt+Equals", () -> cmd.zoom(1.25, w.canvas().getWidth(), w.canvas().getHeight())),
                canvas("Zoom Out", "Alt+Minus", () -> cmd.zoom(0.8, w.canvas().getWidth(), w.canvas().getHeight())),
                minimap, theme);

        Menu run = new Menu("Run");
        runOnChangeItem.setOnAction(e -> w.setRunOnChange(runOnChangeItem.isSelected()));
        run.getItems().addAll(
                item("Run", "Shortcut+Enter", w::run),
                item("Interrupt", "Shortcut+Alt+Enter", () -> w.runs().interrupt()),
                runOnChangeItem);
        MenuBar bar = new MenuBar(file, edit, view, run);
        bar.setId("menu-bar");
        return bar;
    }

    ToolBar toolBar() {
        DocumentActions docs = w.documents();
        Button run = button("Run", "Queue the workflow (Ctrl+Enter)", w::run);
        run.setId("run-button");
        run.setDefaultButton(false);
        Button interrupt = button("Interrupt", "Stop the running workflow (Ctrl+Alt+Enter)", () -> w.runs().interrupt());
        runOnChangeButton.setTooltip(new Tooltip("Queue a run automatically when a widget changes"));
        runOnChangeButton.setOnAction(e -> w.setRunOnChange(runOnChangeButton.isSelected()));
        runOnChangeButton.setId("run-on-change");
        Button theme = button("Theme", "Switch between the dark and light theme", () -> w.setTheme(w.theme().other()));
        ToolBar t = new ToolBar(button("New", "New workflow (Ctrl+N)", docs::newDocument),
                button("Open", "Open a workflow (Ctrl+O)", docs::open),
                button("Save", "Save (Ctrl+S)", docs::save), new Separator(), run, interrupt, runOnChangeButton,
                new Separator(), button("Fit", "Fit the graph in view (.)", () -> w.canvas().fit()), theme);
        t.setId("tool-bar");
        return t;
    }

    /** Reflects the run-on-change state in the menu and the tool bar. */
    void showRunOnChange(boolean on) {
        runOnChangeItem.setSelected(on);
        runOnChangeButton.setSelected(on);
    }

    void showTheme(Theme t) {
        themes.getToggles().forEach(x -> x.setSelected(x.getUserData() == t));
    }

    private void fillRecent() {
        recent.getItems().clear();
        for (Path p : w.settings().get().recentFiles()) {
            MenuItem mi = new MenuItem(p.toString());
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> w.documents().open(p));
            recent.getItems().add(mi);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private void paste(boolean links) {
        guarded(() -> w.commands().paste(w.canvas().controller().lastPointer(), links));
    }

    private interface Guarded {
        boolean run() throws WorkflowException;
    }

    private void guarded(Guarded g) {
        try {
            g.run();
        } catch (WorkflowException e) {
            w.status(e.getMessage());
        }
    }

    private static MenuItem item(String text, String keys, Runnable action) {
        MenuItem mi = new MenuItem(text);
        if (keys != null) {
            mi.setAccelerator(KeyCombination.keyCombination(keys));
        }
        mi.setOnAction(e -> action.run());
        return mi;
    }


    /** A canvas command: ignored while a text field has the keyboard, where the keys mean text editing. */
    private MenuItem canvas(String text, String keys, Runnable action) {
        return item(text, keys, () -> {
            Scene s = w.stage().getScene();
            if (s != null && s.getFocusOwner() instanceof TextInputControl) {
                return;
            }
            action.run();
            w.canvas().markDirty();
        });
    }


    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

}
