package dev.weft.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * The frontend's dynamic prompt syntax, applied to STRING widgets whose spec has
 * {@code dynamicPrompts: true} when a prompt is built:
 * <ul>
 *   <li>{@code /* ... *}{@code /} block comments and {@code //} comments up to the end of the line
 *       are removed first (note that this also cuts {@code http://...});</li>
 *   <li>{@code {a|b|{c|d}}} is replaced by one option picked with {@code floor(random() * n)}; the
 *       pick is processed again, so nested choices resolve;</li>
 *   <li>a backslash keeps the next character literal; at the end {@code \{}, {@code \}} and
 *       {@code \|} lose their backslash, other escapes keep it.</li>
 * </ul>
 * An unclosed {@code {} takes the rest of the text as its options.
 */
public final class DynamicPrompts {
    private static final Pattern COMMENTS = Pattern.compile("/\\*[\\s\\S]*?\\*/|//.*");
    private static final Pattern ESCAPED = Pattern.compile("\\\\([{}|])");

    private final String text;
    private final DoubleSupplier random;
    private int pos;

    private DynamicPrompts(String text, DoubleSupplier random) {
        this.text = COMMENTS.matcher(text).replaceAll("");
        this.random = random;
    }

    /**
     * @param random returns values in [0, 1), like JavaScript's {@code Math.random}; inject a fixed
     *     sequence in tests
     */
    public static String process(String text, DoubleSupplier random) {
        DynamicPrompts p = new DynamicPrompts(text, random);
        StringBuilder out = new StringBuilder();
        while (p.pos < p.text.length()) {
            char c = p.text.charAt(p.pos++);
            if (c == '\\') {
                out.append(p.escape());
            } else if (c == '{') {
                out.append(p.choice());
            } else {
                out.append(c);
            }
        }
        return ESCAPED.matcher(out).replaceAll("$1");
    }

    private String escape() {
        // a trailing backslash escapes nothing; JavaScript would append "undefined" here
        if (pos >= text.length()) {
            return "\\";
        }
        return "\\" + text.charAt(pos++);
    }

    private String choice() {
        List<String> options = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                current.append(escape());
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == '|' && depth == 0) {
                options.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        options.add(current.toString());
        String picked = options.get((int) Math.floor(random.getAsDouble() * options.size()));
        return process(picked, random);
    }
}
