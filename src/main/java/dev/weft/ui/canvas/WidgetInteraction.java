package dev.weft.ui.canvas;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Node;
import dev.weft.graph.WidgetKind;
import dev.weft.ui.model.EditorModel;
import java.util.List;
import java.util.Optional;

/**
 * What clicks and drags on inline widgets do, and how values typed or picked in the widget
 * editors are stored. Every change is a {@link GraphEdit.SetWidgetValue} through the model's
 * history; a drag passes one merge token so it undoes in one step.
 */
public final class WidgetInteraction {
    private final EditorModel model;
    private final CanvasHost host;

    public WidgetInteraction(EditorModel model, CanvasHost host) {
        this.model = model;
        this.host = host;
    }

    /** Whether the widget is driven by a wire (then it cannot be edited inline). */
    public static boolean wired(Node n, WidgetBox box) {
        return box.hasSocket() && box.socketInput() < n.inputs().size() && n.inputs().get(box.socketInput()).link() != null;
    }

    /** A press on a widget: acts at once, or starts a drag gesture. */
    Optional<Gesture> press(Hit.Widget h, double canvasX) {
        Node n = model.graph().requireNode(h.nodeId());
        WidgetBox box = h.box();
        JsonElement value = n.widgetValue(box.index()).orElse(null);
        Object token = new Object();
        switch (box.style()) {
            case NUMBER -> {
                if (h.part() == WidgetPart.BODY) {
                    return Optional.of(new Gesture.WidgetDrag(n.id(), box, h.part(), 0, canvasX, value, token, false));
                }
                set(n, box, WidgetValues.stepped(value, box.input(), h.part() == WidgetPart.INCREMENT ? 1 : -1), null);
            }
            case SLIDER -> {
                set(n, box, WidgetValues.slid(box.input(), fraction(box, canvasX)), token);
                return Optional.of(new Gesture.WidgetDrag(n.id(), box, h.part(), 0, canvasX, value, token, true));
            }
            case COMBO -> {
                if (h.part() == WidgetPart.BODY) {
                    host.editWidget(n.id(), box, h.part(), 0);
                } else {
                    WidgetValues.steppedChoice(value, choices(n, box), h.part() == WidgetPart.INCREMENT ? 1 : -1)
                            .ifPresent(v -> set(n, box, v, null));
                }
            }
            case TOGGLE -> set(n, box, new JsonPrimitive(!(value != null && value.isJsonPrimitive() && value.getAsBoolean())),
                    null);
            case TEXT, MULTILINE -> host.editWidget(n.id(), box, h.part(), 0);
            case BUTTON -> host.uploadImage(n.id(), box);
            case ROW_LIST -> {
                return pressRow(n, box, h, canvasX, value, token);
            }
            case READONLY -> {
                // nothing to edit: the value belongs to a node type Weft does not know
            }
        }
        return Optional.empty();
    }

    private Optional<Gesture> pressRow(Node n, WidgetBox box, Hit.Widget h, double canvasX, JsonElement value,
            Object token) {
        JsonArray rows = LoraRows.rows(value);
        switch (h.part()) {
            case ROW_ADD -> {
                rows.add(LoraRows.newRow(box.input()));
                set(n, box, rows, null);
            }
            case ROW_REMOVE -> {
                if (h.row() < rows.size()) {
                    rows.remove(h.row());
                    set(n, box, rows, null);
                }
            }
            case ROW_TOGGLE -> {
                if (h.row() < rows.size() && rows.get(h.row()).isJsonObject()) {
                    boolean on = LoraRows.enabled(rows.get(h.row()).getAsJsonObject());
                    set(n, box, LoraRows.withField(value, h.row(), LoraRows.ENABLED, new JsonPrimitive(!on)), null);
                }
            }
            case ROW_NAME -> host.editWidget(n.id(), box, h.part(), h.row());
            case ROW_MODEL_STRENGTH, ROW_CLIP_STRENGTH -> {
                return Optional.of(new Gesture.WidgetDrag(n.id(), box, h.part(), h.row(), canvasX, value, token, false));
            }
            default -> {
            }
        }
        return Optional.empty();
    }

    /** A drag update. */
    Gesture.WidgetDrag drag(Gesture.WidgetDrag d, double canvasX) {
        Node n = model.graph().requireNode(d.nodeId());
        WidgetBox box = d.box();
        double dx = canvasX - d.startX();
        if (!d.moved() && Math.abs(dx) < 2) {
            return d;
        }
        if (box.style() == WidgetStyle.SLIDER) {
            set(n, box, WidgetValues.slid(box.input(), fraction(box, canvasX)), d.token());
        } else if (box.style() == WidgetStyle.NUMBER) {
            set(n, box, WidgetValues.dragged(d.startValue(), box.input(), dx), d.token());
        } else if (box.style() == WidgetStyle.ROW_LIST) {
            String field = LoraRows.fieldOf(d.part());
            rowField(box, field).ifPresent(spec -> {
                JsonElement start = rowValue(d.startValue(), d.row(), field);
                set(n, box, LoraRows.withField(d.startValue(), d.row(), field, WidgetValues.dragged(start, spec, dx)),
                        d.token());
            });
        }
        return d.movedNow();
    }

    /** The end of a drag: a press that did not move opens the value for typing. */
    void release(Gesture.WidgetDrag d) {
        if (!d.moved() && d.box().style() != WidgetStyle.SLIDER) {
            host.editWidget(d.nodeId(), d.box(), d.part(), d.row());
        }
    }

    /**
     * Stores text typed into a widget editor: parsed and clamped for numbers, as is for text and
     * choices. Returns a message when the text is not a valid value.
     */
    public Optional<String> commitText(int nodeId, WidgetBox box, WidgetPart part, int row, String text) {
        Node n = model.graph().requireNode(nodeId);
        JsonElement value = n.widgetValue(box.index()).orElse(null);
        if (box.style() == WidgetStyle.ROW_LIST) {
            String field = LoraRows.fieldOf(part);
            if (field.equals(LoraRows.NAME)) {
                set(n, box, LoraRows.withField(value, row, field, new JsonPrimitive(text)), null);
                return Optional.empty();
            }
            Optional<InputSpec> spec = rowField(box, field);
            Optional<JsonElement> v = spec.flatMap(s -> WidgetValues.parse(text, s));
            if (v.isEmpty()) {
                return Optional.of("'" + text + "' is not a number");
            }
            set(n, box, LoraRows.withField(value, row, field, v.get()), null);
            return Optional.empty();
        }
        if (box.style() == WidgetStyle.NUMBER || box.style() == WidgetStyle.SLIDER) {
            Optional<JsonElement> v = WidgetValues.parse(text, box.input());
            if (v.isEmpty()) {
                return Optional.of("'" + text + "' is not a number for " + box.label());
            }
            set(n, box, v.get(), null);
            return Optional.empty();
        }
        set(n, box, new JsonPrimitive(text), null);
        return Optional.empty();
    }

    /** The choices a combo widget (or a LoRA row's name) offers. */
    public List<String> choices(Node n, WidgetBox box) {
        if (box.slot() == null) {
            return List.of();
        }
        if (box.style() == WidgetStyle.ROW_LIST) {
            return LoraRows.choices(box.input());
        }
        if (box.slot().kind() == WidgetKind.CONTROL_AFTER_GENERATE) {
            return box.input().isCombo() ? WidgetValues.CONTROL_MODES_COMBO : WidgetValues.CONTROL_MODES;
        }
        return box.input().stringChoices();
    }

    /** The current value of a widget (or of a LoRA row's field) as text. */
    public String text(Node n, WidgetBox box, WidgetPart part, int row) {
        JsonElement v = n.widgetValue(box.index()).orElse(null);
        if (box.style() == WidgetStyle.ROW_LIST) {
            return WidgetValues.text(rowValue(v, row, LoraRows.fieldOf(part)));
        }
        if (box.style() == WidgetStyle.NUMBER || box.style() == WidgetStyle.SLIDER) {
            return WidgetValues.format(v, box.input());
        }
        return WidgetValues.text(v);
    }

    private void set(Node n, WidgetBox box, JsonElement v, Object token) {
        if (n.widgetValue(box.index()).map(v::equals).orElse(false)) {
            return;
        }
        model.perform(new GraphEdit.SetWidgetValue(n.id(), box.index(), v), token);
        host.requestRedraw();
    }

    private static double fraction(WidgetBox box, double canvasX) {
        return (canvasX - box.rect().x()) / box.rect().width();
    }

    private static Optional<InputSpec> rowField(WidgetBox box, String field) {
        return LoraRows.field(box.input(), field);
    }

    private static JsonElement rowValue(JsonElement value, int row, String field) {
        JsonArray a = LoraRows.rows(value);
        if (row < a.size() && a.get(row).isJsonObject()) {
            return a.get(row).getAsJsonObject().get(field);
        }
        return null;
    }
}
