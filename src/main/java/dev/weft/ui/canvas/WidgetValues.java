package dev.weft.ui.canvas;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.InputSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of inline widgets: stepping, dragging and sliding numbers within the spec's
 * range, stepping through combo choices, and formatting and parsing values. Integers are exact
 * (seeds reach 2^64 - 1); floats are rounded to the spec's {@code round} (else its step).
 */
public final class WidgetValues {
    /** Canvas units of horizontal drag per step of a number widget. */
    public static final double DRAG_UNITS_PER_STEP = 4;
    /** The modes of a control_after_generate widget for a number. */
    public static final List<String> CONTROL_MODES = List.of("fixed", "increment", "decrement", "randomize");
    /** The modes for a combo, which can also wrap around. */
    public static final List<String> CONTROL_MODES_COMBO = List.of("fixed", "increment", "increment-wrap",
            "decrement", "randomize");

    private WidgetValues() {
    }

    public static boolean isInt(InputSpec in) {
        return "INT".equals(in.type());
    }

    /** The amount one arrow click changes: the spec's step, else 1 for INT and 0.1 for FLOAT. */
    public static BigDecimal step(InputSpec in) {
        double s = in.step().orElse(isInt(in) ? 1 : 0.1);
        if (!(s > 0)) {
            s = isInt(in) ? 1 : 0.1;
        }
        BigDecimal b = BigDecimal.valueOf(s);
        return isInt(in) ? b.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE) : b;
    }

    /** Decimal places shown and kept for a FLOAT: from {@code round}, else from the step; 0 for INT. */
    public static int decimals(InputSpec in) {
        if (isInt(in)) {
            return 0;
        }
        double r = in.round().orElse(step(in).doubleValue());
        int d = Math.max(0, BigDecimal.valueOf(r).stripTrailingZeros().scale());
        return Math.min(6, Math.max(1, d));
    }

    public static BigDecimal number(JsonElement v, InputSpec in) {
        if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            return new BigDecimal(v.getAsJsonPrimitive().getAsString());
        }
        if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            try {
                return new BigDecimal(v.getAsString().trim());
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        JsonElement d = in.widgetDefault();
        return d.isJsonPrimitive() && d.getAsJsonPrimitive().isNumber() ? d.getAsBigDecimal() : BigDecimal.ZERO;
    }

    /** Keeps a value in the spec's range and precision. */
    public static BigDecimal clamp(BigDecimal v, InputSpec in) {
        if (in.min().isPresent()) {
            BigDecimal min = exact(in, "min");
            v = v.max(min);
        }
        if (in.max().isPresent()) {
            BigDecimal max = exact(in, "max");
            v = v.min(max);
        }
        return v.setScale(decimals(in), RoundingMode.HALF_UP);
    }

    /** The value after {@code steps} arrow clicks (negative for down). */
    public static JsonElement stepped(JsonElement current, InputSpec in, int steps) {
        BigDecimal v = number(current, in).add(step(in).multiply(BigDecimal.valueOf(steps)));
        return json(clamp(v, in), in);
    }

    /** The value after dragging {@code dx} canvas units from a start value. */
    public static JsonElement dragged(JsonElement start, InputSpec in, double dx) {
        int steps = (int) Math.round(dx / DRAG_UNITS_PER_STEP);
        return stepped(start, in, steps);
    }

    /** A slider's value at {@code fraction} (0..1) of its width, snapped to the step. */
    public static JsonElement slid(InputSpec in, double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        BigDecimal min = exact(in, "min");
        BigDecimal max = exact(in, "max");
        BigDecimal raw = min.add(max.subtract(min).multiply(BigDecimal.valueOf(f), MathContext.DECIMAL64));
        BigDecimal step = step(in);
        BigDecimal snapped = raw.subtract(min).divide(step, 0, RoundingMode.HALF_UP).multiply(step).add(min);
        return json(clamp(snapped, in), in);
    }

    /** Where a value sits between the spec's min and max, in [0, 1]. */
    public static double fraction(JsonElement v, InputSpec in) {
        double min = in.min().orElse(0);
        double max = in.max().orElse(1);
        if (max <= min) {
            return 0;
        }
        return Math.max(0, Math.min(1, (number(v, in).doubleValue() - min) / (max - min)));
    }

    /** Parses typed text into a value in range, or empty when it is not a number. */
    public static Optional<JsonElement> parse(String text, InputSpec in) {
        try {
            BigDecimal v = new BigDecimal(text.trim());
            if (isInt(in)) {
                v = v.setScale(0, RoundingMode.HALF_UP);
            }
            return Optional.of(json(clamp(v, in), in));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The text a number widget shows. */
    public static String format(JsonElement v, InputSpec in) {
        BigDecimal n = number(v, in);
        return isInt(in) ? n.setScale(0, RoundingMode.HALF_UP).toPlainString()
                : n.setScale(decimals(in), RoundingMode.HALF_UP).toPlainString();
    }

    /** The choice {@code steps} places from the current one, clamped at the ends of the list. */
    public static Optional<JsonElement> steppedChoice(JsonElement current, List<String> choices, int steps) {
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        int i = current != null && current.isJsonPrimitive() ? choices.indexOf(current.getAsString()) : -1;
        int next = i < 0 ? 0 : Math.max(0, Math.min(choices.size() - 1, i + steps));
        return Optional.of(new JsonPrimitive(choices.get(next)));
    }

    /** Text for any widget value: strings as is, numbers plainly, null as empty. */
    public static String text(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "";
        }
        if (v.isJsonPrimitive()) {
            return v.getAsString();
        }
        return v.toString();
    }

    private static JsonElement json(BigDecimal v, InputSpec in) {
        if (isInt(in)) {
            return new JsonPrimitive(v.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact());
        }
        return new JsonPrimitive(v.doubleValue());
    }

    private static BigDecimal exact(InputSpec in, String key) {
        JsonElement e = in.options().get(key);
        return new BigDecimal(e.getAsJsonPrimitive().getAsString());
    }
}
