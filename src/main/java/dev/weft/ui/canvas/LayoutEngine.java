package dev.weft.ui.canvas;

import static dev.weft.ui.canvas.LiteGraphMetrics.COLLAPSED_WIDTH;
import static dev.weft.ui.canvas.LiteGraphMetrics.NODE_MIN_WIDTH;
import static dev.weft.ui.canvas.LiteGraphMetrics.SLOT_HEIGHT;
import static dev.weft.ui.canvas.LiteGraphMetrics.TITLE_FONT;
import static dev.weft.ui.canvas.LiteGraphMetrics.TITLE_HEIGHT;
import static dev.weft.ui.canvas.LiteGraphMetrics.WIDGET_GAP;
import static dev.weft.ui.canvas.LiteGraphMetrics.WIDGET_HEIGHT;
import static dev.weft.ui.canvas.LiteGraphMetrics.WIDGET_MARGIN;

import com.google.gson.JsonElement;
import dev.weft.graph.Bounds;
import dev.weft.graph.Graph;
import dev.weft.graph.InputSlot;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.Point;
import dev.weft.graph.WidgetKind;
import dev.weft.graph.WidgetLayout;
import dev.weft.graph.WidgetSlot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays nodes out the way LiteGraph does, so ComfyUI's stored sizes fit: the title bar (30) above
 * {@code pos}; socket rows of 20 with inputs on the left and outputs on the right; then one widget
 * per row (20 high, 4 apart), multi-line text taking the spare height; then spare room for images.
 * A stored size smaller than the content is drawn at the content's size (the model is not
 * changed). Pure function of the node, its spec and (for PrimitiveNode) the widget it feeds.
 */
public final class LayoutEngine {
    /** Smallest height of a multi-line text widget. */
    static final double MULTILINE_MIN = 60;
    /** Smallest spare area worth showing an image in. */
    static final double MEDIA_MIN = 40;

    private final NodeSpecs specs;
    private final TextMeasure text;

    public LayoutEngine(NodeSpecs specs, TextMeasure text) {
        this.specs = specs;
        this.text = text;
    }

    public NodeSpecs specs() {
        return specs;
    }

    /** Lays out {@code n}; {@code graph} is read only to shape a PrimitiveNode after its target. */
    public NodeLayout layout(Node n, Graph graph) {
        Optional<NodeSpec> spec = specs.find(n.type());
        String title = n.displayTitle(specs);
        if (n.isCollapsed()) {
            return collapsed(n, spec.isPresent() || isPrimitive(n), title);
        }
        List<WidgetBox> proto = widgets(n, spec, graph);
        Map<Integer, Integer> socketOfWidget = widgetSockets(n, proto);
        List<Integer> rowInputs = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            if (!socketOfWidget.containsValue(i)) {
                rowInputs.add(i);
            }
        }
        int rows = Math.max(rowInputs.size(), n.outputs().size());
        double x = n.pos().x();
        double top = n.pos().y();
        double width = Math.max(NODE_MIN_WIDTH, n.size().width());
        double widgetsTop = top + rows * SLOT_HEIGHT + (proto.isEmpty() ? 0 : 6);

        double fixed = 0;
        int multiline = 0;
        for (WidgetBox w : proto) {
            if (w.style() == WidgetStyle.MULTILINE) {
                multiline++;
            } else {
                fixed += height(w, n) + WIDGET_GAP;
            }
        }
        double minHeight = (widgetsTop - top) + fixed + multiline * (MULTILINE_MIN + WIDGET_GAP) + 4;
        double height = Math.max(n.size().height(), Math.max(minHeight, rows == 0 && proto.isEmpty() ? SLOT_HEIGHT : 0));
        double spare = height - minHeight;
        double multilineHeight = multiline == 0 ? 0 : MULTILINE_MIN + spare / multiline;

        List<WidgetBox> boxes = new ArrayList<>();
        List<Point> inputs = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            inputs.add(null);
        }
        double y = widgetsTop;
        for (WidgetBox w : proto) {
            double h = w.style() == WidgetStyle.MULTILINE ? multilineHeight : height(w, n);
            Bounds r = new Bounds(x + WIDGET_MARGIN, y, width - 2 * WIDGET_MARGIN, h);
            int socket = socketOfWidget.getOrDefault(w.index(), -1);
            boxes.add(new WidgetBox(w.index(), w.slot(), w.style(), w.label(), r, socket));
            if (socket >= 0) {
                inputs.set(socket, new Point(x + SLOT_HEIGHT / 2, y + Math.min(h, WIDGET_HEIGHT) / 2));
            }
            y += h + WIDGET_GAP;
        }
        for (int row = 0; row < rowInputs.size(); row++) {
            inputs.set(rowInputs.get(row), new Point(x + SLOT_HEIGHT / 2, top + (row + 0.7) * SLOT_HEIGHT));
        }
        List<Point> outputs = new ArrayList<>();
        for (int j = 0; j < n.outputs().size(); j++) {
            outputs.add(new Point(x + width - SLOT_HEIGHT / 2 + 1, top + (j + 0.7) * SLOT_HEIGHT));
        }
        Bounds media = null;
        double mediaTop = boxes.isEmpty() ? top + rows * SLOT_HEIGHT + 4 : y;
        if (multiline == 0 && top + height - 4 - mediaTop >= MEDIA_MIN) {
            media = new Bounds(x + 4, mediaTop, width - 8, top + height - 4 - mediaTop);
        }
        Bounds body = new Bounds(x, top, width, height);
        Bounds frame = new Bounds(x, top - TITLE_HEIGHT, width, height + TITLE_HEIGHT);
        return new NodeLayout(n, frame, body, inputs, outputs, boxes, media, false,
                spec.isPresent() || isPrimitive(n), title);
    }

    private NodeLayout collapsed(Node n, boolean known, String title) {
        double w = Math.max(COLLAPSED_WIDTH, text.width(title, TITLE_FONT) + TITLE_HEIGHT + 10);
        double x = n.pos().x();
        double y = n.pos().y() - TITLE_HEIGHT;
        Bounds frame = new Bounds(x, y, w, TITLE_HEIGHT);
        Point in = new Point(x, y + TITLE_HEIGHT / 2);
        Point out = new Point(x + w, y + TITLE_HEIGHT / 2);
        List<Point> inputs = new ArrayList<>();
        n.inputs().forEach(i -> inputs.add(in));
        List<Point> outputs = new ArrayList<>();
        n.outputs().forEach(o -> outputs.add(out));
        return new NodeLayout(n, frame, frame, inputs, outputs, List.of(), null, true, known, title);
    }

    private static double height(WidgetBox w, Node n) {
        if (w.style() == WidgetStyle.ROW_LIST) {
            int rows = n.widgetValue(w.index()).filter(JsonElement::isJsonArray).map(e -> e.getAsJsonArray().size())
                    .orElse(0);
            return (rows + 1) * (WIDGET_HEIGHT + WIDGET_GAP) - WIDGET_GAP;
        }
        return WIDGET_HEIGHT;
    }

    /** Widget rows before positioning (rect unset). */
    private List<WidgetBox> widgets(Node n, Optional<NodeSpec> spec, Graph graph) {
        List<WidgetBox> out = new ArrayList<>();
        Optional<WidgetLayout> layout = isPrimitive(n) ? PrimitiveShape.of(n, graph, specs)
                : spec.map(NodeSpec::widgetLayout);
        if (layout.isPresent() && (n.widgetValues() == null || n.widgetValues().isJsonArray())) {
            for (WidgetSlot s : layout.get().slots()) {
                String label = switch (s.kind()) {
                    case VALUE -> s.name();
                    case CONTROL_AFTER_GENERATE -> "control after generate";
                    case CONTROL_FILTER_LIST -> "control filter list";
                    case UPLOAD -> "choose file to upload";
                };
                out.add(new WidgetBox(s.index(), s, WidgetStyle.of(s), label, null, -1));
            }
            return out;
        }
        // No usable spec: show the stored values read-only so the data stays visible.
        JsonElement v = n.widgetValues();
        if (v != null && v.isJsonArray()) {
            for (int i = 0; i < v.getAsJsonArray().size(); i++) {
                out.add(new WidgetBox(i, null, WidgetStyle.READONLY, "#" + i, null, -1));
            }
        } else if (v != null && v.isJsonObject()) {
            int i = 0;
            for (String key : v.getAsJsonObject().keySet()) {
                out.add(new WidgetBox(i++, null, WidgetStyle.READONLY, key, null, -1));
            }
        }
        return out;
    }

    /** Widget value index to the index of the node input standing for it. */
    private static Map<Integer, Integer> widgetSockets(Node n, List<WidgetBox> widgets) {
        Map<Integer, Integer> m = new HashMap<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            InputSlot in = n.inputs().get(i);
            String name = in.widgetName();
            if (name == null) {
                continue;
            }
            for (WidgetBox w : widgets) {
                if (w.slot() != null && w.slot().kind() == WidgetKind.VALUE && w.slot().name().equals(name)) {
                    m.put(w.index(), i);
                }
            }
        }
        return m;
    }

    private static boolean isPrimitive(Node n) {
        return PrimitiveShape.TYPE.equals(n.type());
    }
}
