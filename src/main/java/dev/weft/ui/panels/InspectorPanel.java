package dev.weft.ui.panels;

import com.google.gson.JsonElement;
import dev.weft.graph.InputSection;
import dev.weft.graph.InputSlot;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.OutputSlot;
import dev.weft.ui.canvas.NodeLayout;
import dev.weft.ui.canvas.WidgetBox;
import dev.weft.ui.canvas.WidgetInteraction;
import dev.weft.ui.canvas.WidgetPart;
import dev.weft.ui.canvas.WidgetStyle;
import dev.weft.ui.model.EditorModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The inspector: the selected node's type and description, then every widget (editable), every
 * input socket (and what feeds it) and every output, each with its help text, range and default.
 * Built on ControlsFX's {@link PropertySheet}; values follow the graph as it changes.
 */
public final class InspectorPanel extends VBox {
    private final EditorModel model;
    private final WidgetInteraction widgets;
    private final Consumer<String> status;
    private final Label title = new Label("Nothing selected");
    private final Label type = new Label();
    private final Label description = new Label();
    private final PropertySheet sheet = new PropertySheet();
    private int shown = -1;
    private Node shownRecord;
    private final List<Runnable> refreshers = new ArrayList<>();

    public InspectorPanel(EditorModel model, WidgetInteraction widgets, Consumer<String> status) {
        this.model = model;
        this.widgets = widgets;
        this.status = status;
        getStyleClass().add("side-panel");
        setId("inspector");
        Label head = new Label("Inspector");
        head.getStyleClass().add("panel-title");
        title.getStyleClass().add("inspector-title");
        title.setId("inspector-title");
        description.getStyleClass().add("inspector-description");
        description.setWrapText(true);
        type.getStyleClass().add("inspector-description");
        VBox header = new VBox(title, type, description);
        header.getStyleClass().add("inspector-header");
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(this::editor);
        List<String> order = List.of("Widgets", "Inputs", "Outputs");
        sheet.setCategoryComparator(java.util.Comparator.comparingInt(order::indexOf));
        VBox.setVgrow(sheet, Priority.ALWAYS);
        getChildren().addAll(head, header, sheet);
        model.selection().addListener(this::update);
        model.addGraphListener((g, e) -> update());
        model.addDocumentListener(d -> update());
        model.addCatalogListener(this::rebuild);
    }

    public PropertySheet sheet() {
        return sheet;
    }

    private void update() {
        int id = model.selection().primary();
        Optional<Node> n = id < 0 ? Optional.empty() : model.graph().node(id);
        if (n.isEmpty()) {
            if (shown != -1) {
                shown = -1;
                shownRecord = null;
                title.setText("Nothing selected");
                type.setText("");
                description.setText("Select a node to see its inputs and settings.");
                sheet.getItems().clear();
                refreshers.clear();
            }
            return;
        }
        if (n.get().id() != shown) {
            rebuild();
        } else if (n.get() != shownRecord) {
            shownRecord = n.get();
            title.setText(n.get().displayTitle(model.catalog()));
            refreshers.forEach(Runnable::run);
        }
    }

    private void rebuild() {
        int id = model.selection().primary();
        Optional<Node> node = id < 0 ? Optional.empty() : model.graph().node(id);
        refreshers.clear();
        if (node.isEmpty()) {
            shown = -1;
            update();
            return;
        }
        Node n = node.get();
        shown = n.id();
        shownRecord = n;
        Optional<NodeSpec> spec = model.catalog().find(n.type());
        title.setText(n.displayTitle(model.catalog()));
        type.setText(n.type() + spec.map(s -> " · " + s.category()).orElse("") + " · node " + n.id()
                + (n.mode().excludedFromPrompt() ? " · " + n.mode().name().toLowerCase() : ""));
        description.setText(spec.map(NodeSpec::description)
                .orElse("Weft does not know this node type. Its data is kept and saved unchanged; it cannot run."));
        List<PropertySheet.Item> items = new ArrayList<>();
        NodeLayout layout = model.geometry().layout(n);
        for (WidgetBox w : layout.widgets()) {
            items.add(widgetItem(n.id(), w));
        }
        for (int i = 0; i < n.inputs().size(); i++) {
            InputSlot in = n.inputs().get(i);
            if (in.isWidgetSocket()) {
                continue;
            }
            int index = i;
            String help = spec.flatMap(s -> s.input(in.name())).map(this::help).orElse("");
            InspectorItem item = new InspectorItem(in.name(), "Inputs", in.type() + (help.isEmpty() ? "" : ". " + help),
                    InspectorItem.Kind.READONLY, List.of(), source(n.id(), index), v -> { });
            refreshers.add(() -> item.refresh(source(n.id(), index)));
            items.add(item);
        }
        for (int j = 0; j < n.outputs().size(); j++) {
            OutputSlot out = n.outputs().get(j);
            int slot = j;
            String tip = spec.filter(s -> slot < s.outputs().size()).map(s -> s.outputs().get(slot).tooltip()).orElse(null);
            InspectorItem item = new InspectorItem(out.name(), "Outputs", out.type() + (tip == null ? "" : ". " + tip),
                    InspectorItem.Kind.READONLY, List.of(), targets(n.id(), slot), v -> { });
            refreshers.add(() -> item.refresh(targets(n.id(), slot)));
            items.add(item);
        }
        sheet.getItems().setAll(items);
    }

    private InspectorItem widgetItem(int nodeId, WidgetBox w) {
        Node n = model.graph().requireNode(nodeId);
        InspectorItem.Kind kind = switch (w.style()) {
            case NUMBER, SLIDER -> InspectorItem.Kind.NUMBER;
            case COMBO -> InspectorItem.Kind.CHOICE;
            case TOGGLE -> InspectorItem.Kind.TOGGLE;
            case TEXT -> InspectorItem.Kind.TEXT;
            case MULTILINE -> InspectorItem.Kind.MULTILINE;
            default -> InspectorItem.Kind.READONLY;
        };
        if (WidgetInteraction.wired(n, w)) {
            kind = InspectorItem.Kind.READONLY;
        }
        InspectorItem.Kind k = kind;
        List<String> choices = kind == InspectorItem.Kind.CHOICE ? widgets.choices(n, w) : List.of();
        String help = w.input() == null ? "Stored value of an unknown node type." : help(w);
        InspectorItem item = new InspectorItem(w.label(), "Widgets", help, kind, choices, value(nodeId, w, k), text -> {
            if (model.graph().node(nodeId).isPresent()) {
                widgets.commitText(nodeId, w, WidgetPart.BODY, 0, text).ifPresent(status);
            }
        });
        refreshers.add(() -> item.refresh(value(nodeId, w, k)));
        return item;
    }

    private Object value(int nodeId, WidgetBox w, InspectorItem.Kind k) {
        Node n = model.graph().node(nodeId).orElse(null);
        if (n == null) {
            return "";
        }
        if (w.style() == WidgetStyle.NUMBER || w.style() == WidgetStyle.SLIDER) {
            return widgets.text(n, w, WidgetPart.BODY, 0);
        }
        JsonElement v = n.widgetValue(w.index()).orElse(null);
        if (w.style() == WidgetStyle.ROW_LIST) {
            return v == null ? "" : v.toString();
        }
        return InspectorItem.display(v, k);
    }

    private String help(WidgetBox w) {
        StringBuilder b = new StringBuilder();
        switch (w.slot().kind()) {
            case CONTROL_AFTER_GENERATE -> b.append("How ").append(w.input().name())
                    .append(" changes each time a run is queued: fixed, increment, decrement or randomize.");
            case UPLOAD -> b.append("Opens a file to copy into the input folder.");
            case CONTROL_FILTER_LIST -> b.append("Narrows the choices randomize picks from (a substring or /regex/).");
            case VALUE -> b.append(help(w.input()));
        }
        return b.toString();
    }

    /** Tooltip, range and default of a spec input. */
    private String help(InputSpec in) {
        StringBuilder b = new StringBuilder();
        in.tooltip().ifPresent(t -> b.append(t));
        if (in.min().isPresent() || in.max().isPresent()) {
            b.append(b.length() > 0 ? " " : "").append("Range ").append(number(in, "min")).append(" to ")
                    .append(number(in, "max"));
            in.step().ifPresent(s -> b.append(", step ").append(number(in, "step")));
            b.append('.');
        }
        in.defaultValue().ifPresent(d -> b.append(b.length() > 0 ? " " : "").append("Default ")
                .append(d.isJsonPrimitive() ? d.getAsString() : d.toString()).append('.'));
        if (in.section() == InputSection.OPTIONAL) {
            b.append(" Optional.");
        }
        return b.toString().trim();
    }

    private static String number(InputSpec in, String key) {
        JsonElement e = in.options().get(key);
        return e == null ? "-" : e.getAsString();
    }

    private String source(int nodeId, int index) {
        Optional<Link> l = model.graph().inputLink(nodeId, index);
        if (l.isEmpty()) {
            return "not connected";
        }
        Node o = model.graph().requireNode(l.get().originId());
        return o.displayTitle(model.catalog()) + " › " + o.outputs().get(l.get().originSlot()).name();
    }

    private String targets(int nodeId, int slot) {
        long n = model.graph().linksFrom(nodeId).stream().filter(l -> l.originSlot() == slot).count();
        return n == 0 ? "not connected" : n + (n == 1 ? " wire" : " wires");
    }

    private PropertyEditor<?> editor(PropertySheet.Item item) {
        InspectorItem i = (InspectorItem) item;
        return switch (i.kind()) {
            case CHOICE -> Editors.createChoiceEditor(item, i.choices());
            case TOGGLE -> Editors.createCheckEditor(item);
            case MULTILINE -> new CommitTextEditor(item, true);
            default -> new CommitTextEditor(item, false);
        };
    }
}
