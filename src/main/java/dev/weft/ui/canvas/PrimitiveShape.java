package dev.weft.ui.canvas;

import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.WidgetKind;
import dev.weft.graph.WidgetLayout;
import dev.weft.graph.WidgetSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The widgets of a PrimitiveNode, which has none of its own: like the frontend, it takes the
 * shape of the first widget input its output is wired to (value at position 0, then the
 * control_after_generate mode for numbers and combos).
 */
final class PrimitiveShape {
    static final String TYPE = "PrimitiveNode";

    private PrimitiveShape() {
    }

    static Optional<WidgetLayout> of(Node primitive, Graph graph, NodeSpecs specs) {
        return target(primitive, graph, specs).map(in -> {
            List<WidgetSlot> slots = new ArrayList<>();
            slots.add(new WidgetSlot(0, "value", WidgetKind.VALUE, in, true, in.widgetDefault()));
            if ("INT".equals(in.type()) || "FLOAT".equals(in.type()) || in.isCombo()) {
                slots.add(new WidgetSlot(1, "control_after_generate", WidgetKind.CONTROL_AFTER_GENERATE, in, false,
                        new JsonPrimitive("fixed")));
            }
            return new WidgetLayout(slots);
        });
    }

    /** The spec input of the first widget the primitive feeds. */
    static Optional<InputSpec> target(Node primitive, Graph graph, NodeSpecs specs) {
        for (Link l : graph.linksFrom(primitive.id())) {
            Optional<Node> t = graph.node(l.targetId());
            if (t.isEmpty() || l.targetSlot() >= t.get().inputs().size()) {
                continue;
            }
            String widget = t.get().inputs().get(l.targetSlot()).widgetName();
            if (widget == null) {
                continue;
            }
            Optional<InputSpec> in = specs.find(t.get().type()).flatMap(s -> s.input(widget));
            if (in.isPresent()) {
                return in;
            }
        }
        return Optional.empty();
    }
}
