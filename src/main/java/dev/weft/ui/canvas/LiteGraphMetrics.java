package dev.weft.ui.canvas;

/**
 * LiteGraph's geometry constants, in canvas units (one unit is one pixel at zoom 1), so that node
 * sizes stored in ComfyUI workflows fit what Weft draws. Values from ComfyUI's LiteGraph.
 */
public final class LiteGraphMetrics {
    /** Height of a node's title bar, drawn above the node's {@code pos}. */
    public static final double TITLE_HEIGHT = 30;
    /** Height of one socket row. */
    public static final double SLOT_HEIGHT = 20;
    /** Height of one inline widget. */
    public static final double WIDGET_HEIGHT = 20;
    /** Vertical gap between widgets. */
    public static final double WIDGET_GAP = 4;
    /** Horizontal margin of a widget inside the node. */
    public static final double WIDGET_MARGIN = 15;
    /** Default width of a new node. */
    public static final double NODE_WIDTH = 140;
    public static final double NODE_MIN_WIDTH = 50;
    public static final double COLLAPSED_WIDTH = 80;
    /** Grid spacing of the canvas and of snapping. */
    public static final double GRID = 10;
    /** Title font size ({@code NODE_TEXT_SIZE}). */
    public static final double TITLE_FONT = 14;
    /** Widget and socket label font size ({@code NODE_SUBTEXT_SIZE}). */
    public static final double TEXT_FONT = 12;
    /** Radius of a drawn socket. */
    public static final double SOCKET_RADIUS = 5;
    /** Radius around a socket centre that still picks it. */
    public static final double SOCKET_PICK = 10;
    /** Side of the square in a node's bottom-right corner that resizes it. */
    public static final double RESIZE_HANDLE = 10;
    /** Default group title font size. */
    public static final double GROUP_FONT = 24;
    /** Padding around the selection when grouping it ({@code Comfy.GroupSelectedNodes.Padding}). */
    public static final double GROUP_PADDING = 10;
    /** Zoom factor per wheel notch ({@code Comfy.Graph.ZoomSpeed}). */
    public static final double ZOOM_SPEED = 1.1;
    /** Below this zoom widget text would be under ~6 px, so nodes are drawn as shapes only (LiteGraph uses 0.6). */
    public static final double LOW_DETAIL_SCALE = 0.5;
    /** Radius of a native reroute dot. */
    public static final double REROUTE_RADIUS = 7;

    private LiteGraphMetrics() {
    }

    /** Height of a group's title bar for a given font size. */
    public static double groupTitleHeight(double fontSize) {
        return fontSize * 1.4;
    }
}
