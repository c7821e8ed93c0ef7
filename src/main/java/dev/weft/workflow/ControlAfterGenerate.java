package dev.weft.workflow;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.InputSpec;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.WidgetKind;
import dev.weft.graph.WidgetLayout;
import dev.weft.graph.WidgetSlot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The frontend's {@code control_after_generate}: when a run is queued, each widget with a control
 * moves on by its mode. Call {@link #afterQueue} after building the prompt for a run (the
 * frontend's default "after" mode) and perform the returned edit through the UI's history.
 *
 * <p>Modes: {@code fixed} (no change), {@code increment}, {@code decrement}, {@code randomize},
 * {@code increment-wrap} (combos wrap around; numbers increment). A legacy boolean {@code true} in
 * the control position means randomize, {@code false} fixed.
 *
 * <p>Numbers: {@code min = max(-2^50, spec min (0))}, {@code max = min(2^50, spec max (2048))},
 * {@code step = spec step (1; 0.5 for FLOAT)}; randomize gives
 * {@code floor(random() * (max - min) / step) * step + min}; increment and decrement add or
 * subtract {@code step}; the result is clamped to [min, max]. Combos step through the string
 * choices, narrowed by {@code control_filter_list} (a {@code /regex/} or a case-insensitive
 * substring), clamped at the ends.
 *
 * <p>PrimitiveNodes carry their own control (value at position 0, mode at 1); their range comes from
 * the spec of the first widget they feed. A widget whose socket is wired is left alone: the wire
 * decides its value (ComfyUI still churns the hidden stored value; the prompt is the same).
 */
public final class ControlAfterGenerate {
    private static final double LIMIT = 1125899906842624d; // 2^50, what the frontend caps at

    private ControlAfterGenerate() {
    }

    /**
     * The widget changes that queueing a run causes, as one edit, or empty when nothing changes.
     *
     * @param random values in [0, 1), like JavaScript's {@code Math.random}
     */
    public static Optional<GraphEdit> afterQueue(Graph graph, NodeSpecs specs, DoubleSupplier random) {
        List<GraphEdit> edits = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (VirtualNodes.PRIMITIVE.equals(n.type())) {
                primitiveTarget(graph, specs, n).ifPresent(target -> next(n, 0, n.widgetValue(1),
                        target.isCombo() ? n.widgetValue(2).orElse(null) : null, target, random)
                        .ifPresent(v -> edits.add(new GraphEdit.SetWidgetValue(n.id(), 0, v))));
                continue;
            }
            Optional<NodeSpec> spec = specs.find(n.type());
            if (spec.isEmpty() || n.widgetValues() == null || !n.widgetValues().isJsonArray()) {
                continue;
            }
            WidgetLayout layout = spec.get().widgetLayout();
            for (WidgetSlot w : layout.slots()) {
                if (w.kind() != WidgetKind.CONTROL_AFTER_GENERATE) {
                    continue;
                }
                if (wired(n, w.input().name())) {
                    continue;
                }
                int target = w.index() - 1;
                Optional<JsonElement> filter = Optional.empty();
                if (w.index() + 1 < layout.size() && layout.slots().get(w.index() + 1).kind() == WidgetKind.CONTROL_FILTER_LIST) {
                    filter = n.widgetValue(w.index() + 1);
                }
                next(n, target, n.widgetValue(w.index()), filter.orElse(null), w.input(), random)
                        .ifPresent(v -> edits.add(new GraphEdit.SetWidgetValue(n.id(), target, v)));
            }
        }
        return edits.isEmpty() ? Optional.empty() : Optional.of(new GraphEdit.Compound(edits));
    }

    /** The new value of widget {@code target}, or empty when it stays. */
    private static Optional<JsonElement> next(Node n, int target, Optional<JsonElement> modeValue, JsonElement filter,
            InputSpec spec, DoubleSupplier random) {
        Optional<JsonElement> current = n.widgetValue(target);
        return computeNext(current, mode(modeValue.orElse(null)), filter, spec, random)
                .filter(v -> current.isEmpty() || !sameValue(v, current.get()));
    }

    private static boolean sameValue(JsonElement a, JsonElement b) {
        if (a.isJsonPrimitive() && b.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber()
                && b.getAsJsonPrimitive().isNumber()) {
            try {
                return new BigDecimal(a.getAsString()).compareTo(new BigDecimal(b.getAsString())) == 0;
            } catch (NumberFormatException nanOrInfinity) {
                return a.getAsDouble() == b.getAsDouble();
            }
        }
        return a.equals(b);
    }

    private static Optional<JsonElement> computeNext(Optional<JsonElement> current, String mode, JsonElement filter,
            InputSpec spec, DoubleSupplier random) {
        if (mode.equals("fixed") || current.isEmpty()) {
            return Optional.empty();
        }
        JsonElement v = current.get();
        if (spec.isCombo()) {
            return nextChoice(v, mode, spec, filter, random);
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            return Optional.empty();
        }
        boolean isFloat = "FLOAT".equals(spec.type());
        double min = Math.max(-LIMIT, spec.min().orElse(0));
        double max = Math.min(LIMIT, spec.max().orElse(2048));
        double step = spec.step().orElse(isFloat ? 0.5 : 1);
        double next;
        switch (mode) {
            case "increment", "increment-wrap" -> next = v.getAsDouble() + step;
            case "decrement" -> next = v.getAsDouble() - step;
            case "randomize" -> next = Math.floor(random.getAsDouble() * ((max - min) / step)) * step + min;
            default -> {
                return Optional.empty();
            }
        }
        next = Math.min(Math.max(next, min), max);
        if (!isFloat && next == Math.rint(next)) {
            return Optional.of(new JsonPrimitive((long) next));
        }
        return Optional.of(new JsonPrimitive(new BigDecimal(Double.toString(next))));
    }

    private static Optional<JsonElement> nextChoice(JsonElement v, String mode, InputSpec spec, JsonElement filter,
            DoubleSupplier random) {
        List<String> values = spec.stringChoices();
        String f = filter != null && filter.isJsonPrimitive() ? filter.getAsString() : "";
        if (!f.isEmpty()) {
            Predicate<String> check = comboFilter(f);
            values = values.stream().filter(check).toList();
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        int index = v.isJsonPrimitive() ? values.indexOf(v.getAsString()) : -1;
        int length = values.size();
        switch (mode) {
            case "increment" -> index++;
            case "increment-wrap" -> index = index + 1 >= length ? 0 : index + 1;
            case "decrement" -> index--;
            case "randomize" -> index = (int) Math.floor(random.getAsDouble() * length);
            default -> {
                return Optional.empty();
            }
        }
        index = Math.max(0, Math.min(length - 1, index));
        return Optional.of(new JsonPrimitive(values.get(index)));
    }

    private static Predicate<String> comboFilter(String f) {
        if (f.length() >= 2 && f.startsWith("/") && f.endsWith("/")) {
            try {
                Pattern p = Pattern.compile(f.substring(1, f.length() - 1));
                return s -> p.matcher(s).find();
            } catch (PatternSyntaxException e) {
                // the frontend also falls back to a substring match for a bad regex
            }
        }
        String lower = f.toLowerCase(Locale.ROOT);
        return s -> s.toLowerCase(Locale.ROOT).contains(lower);
    }

    private static String mode(JsonElement v) {
        if (v == null || !v.isJsonPrimitive()) {
            return "fixed";
        }
        if (v.getAsJsonPrimitive().isBoolean()) {
            return v.getAsBoolean() ? "randomize" : "fixed";
        }
        return v.getAsString();
    }

    /** A widget whose socket is wired takes its value from the wire, so its control is left alone. */
    private static boolean wired(Node n, String widget) {
        return n.inputs().stream().anyMatch(i -> widget.equals(i.widgetName()) && i.link() != null);
    }

    /** The spec of the widget a PrimitiveNode feeds first, giving its range and choices. */
    private static Optional<InputSpec> primitiveTarget(Graph graph, NodeSpecs specs, Node primitive) {
        for (Link l : graph.linksFrom(primitive.id())) {
            Node t = graph.requireNode(l.targetId());
            String widget = t.inputs().get(l.targetSlot()).widgetName();
            if (widget != null) {
                Optional<InputSpec> in = specs.find(t.type()).flatMap(s -> s.input(widget));
                if (in.isPresent()) {
                    return in;
                }
            }
        }
        return Optional.empty();
    }
}
