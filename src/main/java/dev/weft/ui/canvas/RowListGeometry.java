package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;

/**
 * Columns of a LoRA stack row ({@link WidgetStyle#ROW_LIST}): a switch, the file name, the model
 * strength, the text encoder strength and a remove button; the last row is an "add" button.
 */
public final class RowListGeometry {
    public static final double ROW = LiteGraphMetrics.WIDGET_HEIGHT;
    public static final double PITCH = LiteGraphMetrics.WIDGET_HEIGHT + LiteGraphMetrics.WIDGET_GAP;
    static final double TOGGLE = 22;
    static final double REMOVE = 18;

    private RowListGeometry() {
    }

    /** The rectangle of row {@code row} of a widget. */
    public static Bounds row(Bounds widget, int row) {
        return new Bounds(widget.x(), widget.y() + row * PITCH, widget.width(), ROW);
    }

    /** The rectangle of one column of a row. */
    public static Bounds cell(Bounds row, WidgetPart part) {
        double inner = row.width() - TOGGLE - REMOVE;
        double name = inner * 0.5;
        double strength = inner * 0.25;
        double x = row.x();
        return switch (part) {
            case ROW_TOGGLE -> new Bounds(x, row.y(), TOGGLE, row.height());
            case ROW_NAME -> new Bounds(x + TOGGLE, row.y(), name, row.height());
            case ROW_MODEL_STRENGTH -> new Bounds(x + TOGGLE + name, row.y(), strength, row.height());
            case ROW_CLIP_STRENGTH -> new Bounds(x + TOGGLE + name + strength, row.y(), strength, row.height());
            case ROW_REMOVE -> new Bounds(x + row.width() - REMOVE, row.y(), REMOVE, row.height());
            default -> row;
        };
    }

    /** Which part of a row list a point (inside the widget) is on; {@code rows} is the row count. */
    static WidgetPart partAt(Bounds widget, int rows, double px, double py, int[] rowOut) {
        int row = (int) Math.floor((py - widget.y()) / PITCH);
        row = Math.max(0, Math.min(rows, row));
        rowOut[0] = row;
        if (row == rows) {
            return WidgetPart.ROW_ADD;
        }
        Bounds r = row(widget, row);
        for (WidgetPart p : new WidgetPart[] {WidgetPart.ROW_TOGGLE, WidgetPart.ROW_NAME,
                WidgetPart.ROW_MODEL_STRENGTH, WidgetPart.ROW_CLIP_STRENGTH, WidgetPart.ROW_REMOVE}) {
            Bounds c = cell(r, p);
            if (px >= c.x() && px < c.x() + c.width()) {
                return p;
            }
        }
        return WidgetPart.ROW_NAME;
    }
}
