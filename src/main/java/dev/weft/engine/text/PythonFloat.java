package dev.weft.engine.text;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Python's {@code float(str)}, which decides whether {@code (text:w)} carries a weight: surrounding
 * whitespace, a sign, decimal digits of any script with single underscores between them, an optional
 * exponent, or {@code inf}/{@code infinity}/{@code nan} in any case. Java's own parser is more lenient
 * (hex floats, {@code f}/{@code d} suffixes), which would turn ComfyUI's literal text into a weight.
 */
final class PythonFloat {
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\.(?:" + DIGITS + "))(?:[eE][+-]?" + DIGITS + ")?");

    private PythonFloat() {
    }

    /** The value, or empty where Python's {@code float()} would raise. */
    static OptionalDouble parse(String text) {
        String s = asciiDigits(TextCleaner.stripPython(text));
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (unsigned.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        if (!NUMBER.matcher(s).matches()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(s.replace("_", "")));
    }

    /** Replaces decimal digits of other scripts (Python accepts them) by ASCII ones. */
    private static String asciiDigits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp > 0x7F && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                sb.append((char) ('0' + Character.digit(cp, 10)));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
