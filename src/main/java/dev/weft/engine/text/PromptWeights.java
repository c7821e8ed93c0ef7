package dev.weft.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * ComfyUI's prompt weight syntax: {@code (text)} multiplies the weight by 1.1 per level of nesting,
 * {@code (text:1.3)} sets it to 1.3 (replacing, not multiplying, what the outer levels gave), and
 * {@code \(} / {@code \)} are literal parentheses. Square brackets mean nothing. An unbalanced
 * parenthesis stays in the text, and a colon value Python cannot parse as a float stays text
 * (the 1.1 factor still applies).
 *
 * <p>Weights are doubles computed exactly as ComfyUI computes them ({@code ((x))} is
 * {@code 1.1 * 1.1 = 1.2100000000000002}).
 */
public final class PromptWeights {
    // The reference's control-character sentinels for escaped parentheses while weights are parsed.
    private static final String ESCAPED_CLOSE = "\0\1";
    private static final String ESCAPED_OPEN = "\0\2";

    private PromptWeights() {
    }

    /**
     * One run of prompt text with its weight.
     *
     * @param text   the text with escapes resolved ({@code \(} is now {@code (})
     * @param weight the weight of every token of the text
     */
    public record WeightedText(String text, double weight) {
    }

    /** Splits {@code prompt} into weighted runs, in order. Runs may be blank; none is empty. */
    public static List<WeightedText> parse(String prompt) {
        String escaped = prompt.replace("\\)", ESCAPED_CLOSE).replace("\\(", ESCAPED_OPEN);
        List<WeightedText> raw = new ArrayList<>();
        weigh(escaped, 1.0, raw);
        List<WeightedText> out = new ArrayList<>(raw.size());
        for (WeightedText w : raw) {
            out.add(new WeightedText(w.text().replace(ESCAPED_CLOSE, ")").replace(ESCAPED_OPEN, "("), w.weight()));
        }
        return out;
    }

    private static void weigh(String text, double current, List<WeightedText> out) {
        for (String part : splitTopLevel(text)) {
            if (part.length() >= 2 && part.charAt(0) == '(' && part.charAt(part.length() - 1) == ')') {
                String inner = part.substring(1, part.length() - 1);
                double weight = current * 1.1;
                int colon = inner.lastIndexOf(':');
                if (colon > 0) {
                    OptionalDouble w = PythonFloat.parse(inner.substring(colon + 1));
                    if (w.isPresent()) {
                        weight = w.getAsDouble();
                        inner = inner.substring(0, colon);
                    }
                }
                weigh(inner, weight, out);
            } else {
                out.add(new WeightedText(part, current));
            }
        }
    }

    /**
     * Cuts {@code text} into plain runs and outermost parenthesised groups. A stray {@code )} drives
     * the depth negative and is kept as text, so everything after it stays plain until the
     * parentheses balance again; this is the reference's behaviour and is kept as is.
     */
    private static List<String> splitTopLevel(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                if (depth == 0) {
                    if (current.length() > 0) {
                        out.add(current.toString());
                    }
                    current.setLength(0);
                }
                current.append(c);
                depth++;
            } else if (c == ')') {
                depth--;
                current.append(c);
                if (depth == 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }
}
