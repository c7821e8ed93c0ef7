package dev.weft.ui.canvas;

import dev.weft.graph.Point;
import java.util.List;
import java.util.Optional;

/**
 * What the interaction controller needs from the UI around it: redraws, pop-ups, editors and
 * messages. The JavaFX canvas implements it; tests record the calls.
 */
public interface CanvasHost {
    /** Something visible changed. */
    void requestRedraw();

    /**
     * Opens node search at a screen point; a picked type is added at {@code canvasPos} and, when
     * {@code wire} is present, wired to it.
     */
    void openNodeSearch(Point screen, Point canvasPos, Optional<WireEnd> wire);

    /** Opens an editor for a text, multi-line, number or combo widget (or a LoRA row field). */
    void editWidget(int nodeId, WidgetBox box, WidgetPart part, int row);

    /** Opens an editor for a node's title ({@code nodeId}) or a group's title ({@code groupIndex}). */
    void editTitle(int nodeId, int groupIndex);

    /** The image upload button of a LoadImage node was pressed. */
    void uploadImage(int nodeId, WidgetBox box);

    void showContextMenu(Point screen, List<MenuAction> actions);

    /** A short message for the status line (a refused connection, ...). */
    void showStatus(String message);

    /** Shows a tooltip at a screen point, or hides it for {@code null}. */
    void showTooltip(Point screen, String text);

    void setCursor(CursorKind cursor);

    /** Cursor shapes the controller asks for. */
    enum CursorKind {
        DEFAULT, HAND, MOVE, GRAB, CROSSHAIR, RESIZE, TEXT
    }
}
