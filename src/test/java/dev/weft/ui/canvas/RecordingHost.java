package dev.weft.ui.canvas;

import dev.weft.graph.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A canvas host that records what the controller asked of the UI. */
final class RecordingHost implements CanvasHost {
    int redraws;
    final List<String> statuses = new ArrayList<>();
    final List<Optional<WireEnd>> searches = new ArrayList<>();
    final List<Point> searchPositions = new ArrayList<>();
    final List<String> edits = new ArrayList<>();
    final List<List<MenuAction>> menus = new ArrayList<>();
    String tooltip;

    @Override
    public void requestRedraw() {
        redraws++;
    }

    @Override
    public void openNodeSearch(Point screen, Point canvasPos, Optional<WireEnd> wire) {
        searches.add(wire);
        searchPositions.add(canvasPos);
    }

    @Override
    public void editWidget(int nodeId, WidgetBox box, WidgetPart part, int row) {
        edits.add(nodeId + ":" + box.label() + ":" + part);
    }

    @Override
    public void editTitle(int nodeId, int groupIndex) {
        edits.add("title " + nodeId + "/" + groupIndex);
    }

    @Override
    public void uploadImage(int nodeId, WidgetBox box) {
        edits.add("upload " + nodeId);
    }

    @Override
    public void showContextMenu(Point screen, List<MenuAction> actions) {
        menus.add(actions);
    }

    @Override
    public void showStatus(String message) {
        statuses.add(message);
    }

    @Override
    public void showTooltip(Point screen, String text) {
        tooltip = text;
    }

    @Override
    public void setCursor(CursorKind cursor) {
    }
}
