package dev.weft.ui.render;

import static dev.weft.ui.canvas.LiteGraphMetrics.TEXT_FONT;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.graph.Bounds;
import dev.weft.graph.Node;
import dev.weft.ui.canvas.LoraRows;
import dev.weft.ui.canvas.RowListGeometry;
import dev.weft.ui.canvas.WidgetBox;
import dev.weft.ui.canvas.WidgetInteraction;
import dev.weft.ui.canvas.WidgetPart;
import dev.weft.ui.canvas.WidgetStyle;
import dev.weft.ui.canvas.WidgetValues;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Inline widgets in ComfyUI's look: rounded fields with the name on the left and the value on
 * the right; arrows on numbers and combos; a filled bar on sliders; a text box for prompts; rows
 * for the LoRA stack. A widget driven by a wire shows its name only.
 */
final class WidgetPainter {
    private static final double PAD = 8;

    private WidgetPainter() {
    }

    static void paint(RenderContext c, Node n, WidgetBox w) {
        GraphicsContext gc = c.gc();
        Bounds r = w.rect();
        JsonElement v = n.widgetValue(w.index()).orElse(null);
        if (w.index() >= 0 && n.widgetValues() != null && n.widgetValues().isJsonObject()) {
            v = n.widgetValues().getAsJsonObject().get(w.label());
        }
        boolean wired = WidgetInteraction.wired(n, w);
        if (w.style() == WidgetStyle.MULTILINE) {
            multiline(c, r, v, wired, w.label());
            return;
        }
        if (w.style() == WidgetStyle.ROW_LIST) {
            rows(c, r, v, w);
            return;
        }
        field(c, r);
        double cy = r.y() + r.height() / 2;
        Color label = c.palette().color("-color-widget-label");
        Color value = c.palette().color("-color-widget-fg");
        if (wired) {
            text(c, c.text().fit(w.label(), TEXT_FONT, r.width() - 2 * PAD), r.x() + PAD, cy, label, TextAlignment.LEFT);
            return;
        }
        switch (w.style()) {
            case NUMBER, COMBO -> {
                arrows(gc, r, label);
                String shown = w.style() == WidgetStyle.NUMBER ? WidgetValues.format(v, w.input()) : WidgetValues.text(v);
                labelAndValue(c, r, w.label(), shown, WidgetPart.ARROW_ZONE + 2, label, value);
            }
            case SLIDER -> {
                double f = WidgetValues.fraction(v, w.input());
                gc.setFill(c.palette().color("-color-widget-fill"));
                double fw = Math.max(0, (r.width() - 2) * f);
                if (fw > 1) {
                    Shapes.fillPill(gc, r.x() + 1, r.y() + 1, Math.max(fw, r.height() - 2), r.height() - 2);
                }
                // the name sits on the bar, so it takes the value colour to stay readable
                labelAndValue(c, r, w.label(), WidgetValues.format(v, w.input()), PAD, value, value);
            }
            case TOGGLE -> {
                boolean on = v != null && v.isJsonPrimitive() && v.getAsBoolean();
                double d = r.height() - 8;
                double x = r.x() + r.width() - PAD - d;
                gc.setFill(on ? c.palette().color("-color-accent-emphasis") : c.palette().color("-color-widget-border"));
                gc.fillOval(x, r.y() + 4, d, d);
                text(c, w.label(), r.x() + PAD, cy, label, TextAlignment.LEFT);
                text(c, on ? "true" : "false", x - 6, cy, value, TextAlignment.RIGHT);
            }
            case TEXT, READONLY -> labelAndValue(c, r, w.label(), WidgetValues.text(v), PAD, label,
                    w.style() == WidgetStyle.READONLY ? label : value);
            case BUTTON -> text(c, c.text().fit(w.label(), TEXT_FONT, r.width() - 2 * PAD), r.x() + r.width() / 2, cy,
                    value, TextAlignment.CENTER);
            default -> {
            }
        }
    }

    /** The widget's pill-shaped field (no outline: outlines double the rasterising cost of every widget). */
    private static void field(RenderContext c, Bounds r) {
        c.gc().setFill(c.palette().color("-color-widget-bg"));
        Shapes.fillPill(c.gc(), r.x(), r.y(), r.width(), r.height());
    }

    private static void arrows(GraphicsContext gc, Bounds r, Color color) {
        double cy = r.y() + r.height() / 2;
        gc.setFill(color);
        double lx = r.x() + 6;
        gc.fillPolygon(new double[] {lx + 6, lx, lx + 6}, new double[] {cy - 5, cy, cy + 5}, 3);
        double rx = r.x() + r.width() - 6;
        gc.fillPolygon(new double[] {rx - 6, rx, rx - 6}, new double[] {cy - 5, cy, cy + 5}, 3);
    }

    /** The name on the left and the value on the right, the name giving way when space is short. */
    private static void labelAndValue(RenderContext c, Bounds r, String name, String value, double inset, Color labelColor,
            Color valueColor) {
        GraphicsContext gc = c.gc();
        double cy = r.y() + r.height() / 2;
        double room = r.width() - 2 * inset;
        String v = c.text().fit(value, TEXT_FONT, room * 0.7);
        double vw = c.text().width(v, TEXT_FONT);
        String l = c.text().fit(name, TEXT_FONT, room - vw - 8);
        text(c, l, r.x() + inset, cy, labelColor, TextAlignment.LEFT);
        text(c, v, r.x() + r.width() - inset, cy, valueColor, TextAlignment.RIGHT);
    }

    private static void multiline(RenderContext c, Bounds r, JsonElement v, boolean wired, String label) {
        GraphicsContext gc = c.gc();
        gc.setFill(c.palette().color("-color-widget-bg"));
        Shapes.fillRounded(gc, r.x(), r.y(), r.width(), r.height(), 6);
        if (wired) {
            text(c, label, r.x() + 6, r.y() + 10, c.palette().color("-color-widget-label"), TextAlignment.LEFT);
            return;
        }
        String s = WidgetValues.text(v);
        double lineH = TEXT_FONT * 1.3;
        int max = (int) Math.floor((r.height() - 8) / lineH);
        List<String> lines = c.text().wrap(s, TEXT_FONT, r.width() - 12);
        Color fg = c.palette().color("-color-widget-fg");
        for (int i = 0; i < Math.min(max, lines.size()); i++) {
            String line = i == max - 1 && lines.size() > max ? lines.get(i) + " …" : lines.get(i);
            text(c, c.text().fit(line, TEXT_FONT, r.width() - 12), r.x() + 6, r.y() + 4 + lineH * (i + 0.5), fg,
                    TextAlignment.LEFT);
        }
    }

    private static void rows(RenderContext c, Bounds r, JsonElement v, WidgetBox w) {
        GraphicsContext gc = c.gc();
        JsonArray rows = LoraRows.rows(v);
        Color label = c.palette().color("-color-widget-label");
        Color value = c.palette().color("-color-widget-fg");
        for (int i = 0; i < rows.size(); i++) {
            Bounds row = RowListGeometry.row(r, i);
            field(c, row);
            double cy = row.y() + row.height() / 2;
            JsonObject o = rows.get(i).isJsonObject() ? rows.get(i).getAsJsonObject() : new JsonObject();
            boolean on = LoraRows.enabled(o);
            Bounds t = RowListGeometry.cell(row, WidgetPart.ROW_TOGGLE);
            gc.setFill(on ? c.palette().color("-color-accent-emphasis") : c.palette().color("-color-widget-border"));
            gc.fillOval(t.x() + 6, cy - 5, 10, 10);
            Color fg = on ? value : label;
            Bounds name = RowListGeometry.cell(row, WidgetPart.ROW_NAME);
            text(c, c.text().fit(WidgetValues.text(o.get(LoraRows.NAME)), TEXT_FONT, name.width() - 4), name.x() + 2, cy,
                    fg, TextAlignment.LEFT);
            for (WidgetPart p : new WidgetPart[] {WidgetPart.ROW_MODEL_STRENGTH, WidgetPart.ROW_CLIP_STRENGTH}) {
                Bounds cell = RowListGeometry.cell(row, p);
                String f = LoraRows.fieldOf(p);
                String s = LoraRows.field(w.input(), f).map(spec -> WidgetValues.format(o.get(f), spec))
                        .orElse(WidgetValues.text(o.get(f)));
                text(c, c.text().fit(s, TEXT_FONT, cell.width() - 4), cell.x() + cell.width() - 2, cy, fg,
                        TextAlignment.RIGHT);
            }
            Bounds x = RowListGeometry.cell(row, WidgetPart.ROW_REMOVE);
            text(c, "×", x.x() + x.width() / 2, cy, label, TextAlignment.CENTER);
        }
        Bounds add = RowListGeometry.row(r, rows.size());
        field(c, add);
        text(c, "+ Add LoRA", add.x() + add.width() / 2, add.y() + add.height() / 2, label, TextAlignment.CENTER);
    }

    private static void text(RenderContext c, String s, double x, double y, Color color, TextAlignment align) {
        c.text(s, x, y, TEXT_FONT, color, align);
    }
}
