package dev.weft.exec;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.InputSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a constant input value the way ComfyUI's {@code validate_inputs} does, then checks it
 * against the spec's {@code min}, {@code max} and combo choices.
 *
 * <p>Conversions, by spec type, to what {@link dev.weft.nodes.NodeInputs} promises:
 * <ul>
 *   <li>INT ({@link Long}): Python's {@code int()}: a number is truncated toward zero ({@code 5.7}
 *       gives 5), a string must be a whole number ({@code "5"}, {@code " -3 "}, {@code "1_000"};
 *       {@code "5.0"} is refused), a boolean gives 1 or 0. Values above {@link Long#MAX_VALUE} up to
 *       2^64-1 (64-bit seeds) arrive as the long with the same 64 bits; read them back with
 *       {@link Long#toUnsignedString(long)}.</li>
 *   <li>FLOAT ({@link Double}): Python's {@code float()} of a number, a decimal string or a boolean.
 *       NaN is refused (ComfyUI would let it through every range check).</li>
 *   <li>BOOLEAN ({@link Boolean}): a boolean, a number (non-zero is true), or the strings
 *       {@code true}/{@code false} in any case. Other strings are refused, where Python's
 *       {@code bool("false")} would be true.</li>
 *   <li>STRING ({@link String}): a string as is, a number as written, a boolean as Python prints it.</li>
 *   <li>COMBO ({@link String}): must equal one of the choices (strings by text, numbers by value).</li>
 *   <li>Other widget types (LoraStack's {@code LORA_STACK}): the JSON value, unwrapped.</li>
 *   <li>Socket types (MODEL, LATENT, ...): a constant is refused; the input needs a link.</li>
 * </ul>
 * Stateless.
 */
final class ConstantInputs {
    /** How many choices a message lists before saying how many more there are. */
    static final int LISTED_CHOICES = 30;

    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?\\d+(_\\d+)*");
    private static final Pattern PYTHON_FLOAT = Pattern.compile(
            "[+-]?((\\d+(_\\d+)*)(\\.(\\d+(_\\d+)*)?)?|\\.\\d+(_\\d+)*)([eE][+-]?\\d+)?");
    private static final Pattern PYTHON_SPECIAL = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final BigInteger UNSIGNED_64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ConstantInputs() {
    }

    /** The converted value, or what is wrong with it. */
    sealed interface Outcome permits Value, Problem {
    }

    record Value(Object value) implements Outcome {
    }

    record Problem(ValidationKind kind, String message, String fix) implements Outcome {
    }

    /**
     * @param spec the input
     * @param raw  the constant with any {@code __value__} wrapper removed
     */
    static Outcome read(InputSpec spec, JsonElement raw) {
        String name = spec.name();
        return switch (spec.type()) {
            case "INT" -> readInt(spec, raw);
            case "FLOAT" -> readFloat(spec, raw);
            case "BOOLEAN" -> readBoolean(name, raw);
            case "STRING" -> readString(name, raw);
            case "COMBO" -> readCombo(spec, raw);
            default -> spec.isWidget() ? new Value(raw.deepCopy())
                    : new Problem(ValidationKind.INVALID_INPUT_TYPE,
                    shown(raw) + " is a value, but this input takes a link from another node",
                    "connect an output of type " + spec.type() + " to " + name);
        };
    }

    private static Outcome readInt(InputSpec spec, JsonElement raw) {
        BigInteger v = pythonInt(raw);
        if (v == null) {
            return new Problem(ValidationKind.INVALID_INPUT_TYPE, shown(raw) + " is not a whole number",
                    "set " + spec.name() + " to a whole number" + range(spec));
        }
        Optional<Problem> outOfRange = checkRange(spec, new BigDecimal(v), shown(raw));
        if (outOfRange.isPresent()) {
            return outOfRange.get();
        }
        if (v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0 || v.compareTo(UNSIGNED_64_MAX) > 0) {
            return new Problem(ValidationKind.INVALID_INPUT_TYPE, shown(raw) + " does not fit in 64 bits",
                    "set " + spec.name() + " to a smaller number" + range(spec));
        }
        return new Value(v.longValue());
    }

    private static Outcome readFloat(InputSpec spec, JsonElement raw) {
        Double v = pythonFloat(raw);
        if (v == null || v.isNaN()) {
            return new Problem(ValidationKind.INVALID_INPUT_TYPE, shown(raw) + " is not a number",
                    "set " + spec.name() + " to a number" + range(spec));
        }
        if (!v.isInfinite()) {
            Optional<Problem> outOfRange = checkRange(spec, BigDecimal.valueOf(v), shown(raw));
            if (outOfRange.isPresent()) {
                return outOfRange.get();
            }
        } else {
            Optional<BigDecimal> bound = bound(spec, v > 0 ? "max" : "min");
            if (bound.isPresent()) {
                return v > 0 ? tooBig(spec, shown(raw), bound.get()) : tooSmall(spec, shown(raw), bound.get());
            }
        }
        return new Value(v);
    }

    private static Outcome readBoolean(String name, JsonElement raw) {
        if (raw.isJsonPrimitive()) {
            JsonPrimitive p = raw.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return new Value(p.getAsBoolean());
            }
            if (p.isNumber()) {
                return new Value(new BigDecimal(p.getAsString()).signum() != 0);
            }
            String s = p.getAsString().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return new Value(s.equals("true"));
            }
        }
        return new Problem(ValidationKind.INVALID_INPUT_TYPE, shown(raw) + " is not true or false",
                "set " + name + " to true or false");
    }

    private static Outcome readString(String name, JsonElement raw) {
        if (raw.isJsonPrimitive()) {
            JsonPrimitive p = raw.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return new Value(p.getAsBoolean() ? "True" : "False");
            }
            return new Value(p.getAsString());
        }
        return new Problem(ValidationKind.INVALID_INPUT_TYPE, shown(raw) + " is not text", "set " + name + " to text");
    }

    private static Outcome readCombo(InputSpec spec, JsonElement raw) {
        if (raw.isJsonPrimitive()) {
            for (JsonElement choice : spec.choices()) {
                if (sameChoice(choice, raw.getAsJsonPrimitive())) {
                    return new Value(choice.getAsString());
                }
            }
        }
        return new Problem(ValidationKind.VALUE_NOT_IN_LIST, shown(raw) + " is not one of the choices",
                spec.choices().isEmpty() ? "this list has no choices" : "choose one of: " + choices(spec.stringChoices()));
    }

    /** Up to {@value #LISTED_CHOICES} choices, comma separated, then how many more there are. */
    static String choices(List<String> choices) {
        if (choices.size() <= LISTED_CHOICES) {
            return String.join(", ", choices);
        }
        return String.join(", ", choices.subList(0, LISTED_CHOICES)) + " (and " + (choices.size() - LISTED_CHOICES)
                + " more)";
    }

    /** A value as a message shows it: JSON, cut after 60 characters. */
    static String shown(JsonElement raw) {
        String s = raw == null ? "null" : raw.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** A number without trailing zeros: {@code 100.0} reads as {@code 100}. */
    static String number(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** {@code " between 1 and 10000"}, {@code " of at least 0"}, or empty when the spec sets no range. */
    private static String range(InputSpec spec) {
        Optional<BigDecimal> min = bound(spec, "min");
        Optional<BigDecimal> max = bound(spec, "max");
        if (min.isPresent() && max.isPresent()) {
            return " between " + number(min.get()) + " and " + number(max.get());
        }
        if (min.isPresent()) {
            return " of at least " + number(min.get());
        }
        return max.map(m -> " of at most " + number(m)).orElse("");
    }

    private static Optional<Problem> checkRange(InputSpec spec, BigDecimal v, String shown) {
        Optional<BigDecimal> min = bound(spec, "min");
        if (min.isPresent() && v.compareTo(min.get()) < 0) {
            return Optional.of(tooSmall(spec, shown, min.get()));
        }
        Optional<BigDecimal> max = bound(spec, "max");
        if (max.isPresent() && v.compareTo(max.get()) > 0) {
            return Optional.of(tooBig(spec, shown, max.get()));
        }
        return Optional.empty();
    }

    private static Problem tooSmall(InputSpec spec, String shown, BigDecimal min) {
        return new Problem(ValidationKind.VALUE_SMALLER_THAN_MIN, shown + " is smaller than the minimum " + number(min),
                "set " + spec.name() + " to at least " + number(min));
    }

    private static Problem tooBig(InputSpec spec, String shown, BigDecimal max) {
        return new Problem(ValidationKind.VALUE_BIGGER_THAN_MAX, shown + " is bigger than the maximum " + number(max),
                "set " + spec.name() + " to at most " + number(max));
    }

    /** A spec bound read from its JSON text, so 18446744073709551615 stays exact. */
    private static Optional<BigDecimal> bound(InputSpec spec, String key) {
        return spec.option(key).filter(e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())
                .map(e -> new BigDecimal(e.getAsString()));
    }

    /** Python's {@code int(x)} for JSON values, or null where it raises. */
    static BigInteger pythonInt(JsonElement raw) {
        if (raw == null || !raw.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = raw.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean() ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (p.isNumber()) {
            BigDecimal d = decimal(p.getAsString());
            return d == null ? null : d.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        }
        String s = p.getAsString().strip();
        return PYTHON_INT.matcher(s).matches() ? new BigInteger(s.replace("_", "")) : null;
    }

    /** Python's {@code float(x)} for JSON values, or null where it raises. */
    static Double pythonFloat(JsonElement raw) {
        if (raw == null || !raw.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = raw.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean() ? 1.0 : 0.0;
        }
        String s = p.getAsString().strip();
        if (PYTHON_SPECIAL.matcher(s).matches()) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (s.replaceFirst("^[+-]", "").equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (p.isNumber()) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null; // Gson's lenient NaN/Infinity spellings other than the ones above
            }
        }
        return PYTHON_FLOAT.matcher(s).matches() ? Double.parseDouble(s.replace("_", "")) : null;
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException nanOrInfinity) {
            return null;
        }
    }

    /** Python's {@code ==} between a combo choice and a value: text for strings, value for numbers. */
    private static boolean sameChoice(JsonElement choice, JsonPrimitive value) {
        if (!choice.isJsonPrimitive()) {
            return false;
        }
        JsonPrimitive c = choice.getAsJsonPrimitive();
        if (c.isString() || value.isString()) {
            return c.isString() && value.isString() && c.getAsString().equals(value.getAsString());
        }
        if (c.isNumber() && value.isNumber()) {
            BigDecimal a = decimal(c.getAsString());
            BigDecimal b = decimal(value.getAsString());
            return a != null && b != null && a.compareTo(b) == 0;
        }
        return c.equals(value);
    }
}
