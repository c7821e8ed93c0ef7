package dev.weft.ui.render;

import dev.weft.ui.canvas.CanvasHost.CursorKind;
import dev.weft.ui.canvas.EditCommands;
import dev.weft.ui.canvas.InteractionController;
import dev.weft.ui.canvas.PointerInput;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.theme.CanvasPalette;
import javafx.animation.AnimationTimer;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * The canvas control: a JavaFX {@link Canvas} redrawn by {@link GraphRenderer} only when something
 * changed (a dirty flag checked once per pulse by an {@link AnimationTimer}), with mouse and
 * canvas-only keys (space to pan, {@code .} to fit, Delete, Escape) passed to the
 * {@link InteractionController}. Shortcuts with modifiers live in the menu.
 */
public final class CanvasView extends Region {
    private final Canvas canvas = new Canvas(1, 1);
    private final EditorModel model;
    private final EditCommands commands;
    private final GraphRenderer renderer;
    private InteractionController controller;
    private CanvasPalette palette;
    private boolean dirty = true;
    private long seenViewport = -1;
    private boolean minimap = true;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (dirty || model.viewport().version() != seenViewport) {
                renderNow();
            }
        }
    };

    public CanvasView(EditorModel model, EditCommands commands, GraphRenderer renderer) {
        this.model = model;
        this.commands = commands;
        this.renderer = renderer;
        getStyleClass().add("canvas-view");
        getChildren().add(canvas);
        setFocusTraversable(true);
        model.addGraphListener((g, e) -> markDirty());
        model.addDocumentListener(d -> markDirty());
        model.selection().addListener(this::markDirty);
        model.runs().addListener(this::markDirty);
        installMouse();
        installKeys();
        timer.start();
    }

    /** Connects the controller (made after the view, as its host needs the view). */
    public void setController(InteractionController c) {
        controller = c;
        c.setMinimapVisible(minimap);
    }

    public InteractionController controller() {
        return controller;
    }

    public Canvas canvas() {
        return canvas;
    }

    public GraphRenderer renderer() {
        return renderer;
    }

    public CanvasPalette palette() {
        return palette;
    }

    public void setPalette(CanvasPalette p) {
        palette = p;
        markDirty();
    }

    public void setMinimapVisible(boolean on) {
        minimap = on;
        if (controller != null) {
            controller.setMinimapVisible(on);
        }
        markDirty();
    }

    public boolean minimapVisible() {
        return minimap;
    }

    public void markDirty() {
        dirty = true;
    }

    /** Draws the current state now (the timer does this once per pulse when needed). */
    public void renderNow() {
        dirty = false;
        seenViewport = model.viewport().version();
        if (palette == null || controller == null) {
            return;
        }
        renderer.render(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), model, palette,
                controller.overlay(), minimap);
    }

    /** Fits the selection (or everything) into the view, as {@code .} does. */
    public void fit() {
        commands.fit(getWidth(), getHeight());
        markDirty();
    }

    public void setCursorKind(CursorKind k) {
        setCursor(switch (k) {
            case HAND -> Cursor.HAND;
            case MOVE -> Cursor.MOVE;
            case GRAB -> Cursor.CLOSED_HAND;
            case CROSSHAIR -> Cursor.CROSSHAIR;
            case RESIZE -> Cursor.SE_RESIZE;
            case TEXT -> Cursor.TEXT;
            case DEFAULT -> Cursor.DEFAULT;
        });
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(1, Math.floor(getWidth()));
        double h = Math.max(1, Math.floor(getHeight()));
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (controller != null) {
                controller.setViewSize(w, h);
            }
            markDirty();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    private void installMouse() {
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            if (controller != null) {
                controller.pressed(input(e));
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (controller != null) {
                controller.dragged(input(e));
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (controller != null) {
                controller.released(input(e));
            }
        });
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            if (controller != null) {
                controller.moved(input(e));
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (controller != null) {
                controller.scrolled(e.getX(), e.getY(), e.getDeltaY());
            }
            e.consume();
        });
    }

    private void installKeys() {
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (controller == null || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            KeyCode k = e.getCode();
            if (k == KeyCode.SPACE) {
                controller.setSpaceHeld(true);
            } else if (k == KeyCode.PERIOD) {
                fit();
            } else if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
                commands.deleteSelection();
            } else if (k == KeyCode.ESCAPE) {
                controller.cancel();
            } else {
                return;
            }
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (controller != null && e.getCode() == KeyCode.SPACE) {
                controller.setSpaceHeld(false);
                e.consume();
            }
        });
    }

    private static PointerInput input(MouseEvent e) {
        PointerInput.Button b = e.getButton() == MouseButton.PRIMARY ? PointerInput.Button.PRIMARY
                : e.getButton() == MouseButton.MIDDLE ? PointerInput.Button.MIDDLE
                : e.getButton() == MouseButton.SECONDARY ? PointerInput.Button.SECONDARY : PointerInput.Button.NONE;
        return new PointerInput(e.getX(), e.getY(), b,
                new PointerInput.Modifiers(e.isShiftDown(), e.isShortcutDown(), e.isAltDown()), e.getClickCount());
    }
}
