package dev.weft.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line arguments of one sub-command: positionals, {@code --name value} options (repeatable)
 * and {@code --flag} switches. Unknown options are refused so a typo never passes silently.
 */
final class Args {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();

    /**
     * @param valued  option names (without dashes) that take a value
     * @param flags   option names that take none
     */
    static Args parse(String command, List<String> raw, Set<String> valued, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < raw.size(); i++) {
            String s = raw.get(i);
            if (s.startsWith("--") && s.length() > 2) {
                String name = s.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name) && value == null) {
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= raw.size()) {
                            throw CliException.badInput("weft " + command + ": --" + name + " needs a value");
                        }
                        value = raw.get(++i);
                    }
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw CliException.badInput("weft " + command + ": unknown option --" + name
                            + " (see weft help)");
                }
            } else {
                a.positionals.add(s);
            }
        }
        return a;
    }

    List<String> positionals() {
        return positionals;
    }

    Optional<String> option(String name) {
        List<String> v = options.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String single(String command, String what) {
        if (positionals.size() != 1) {
            throw CliException.badInput("weft " + command + ": expected one " + what + ", got "
                    + (positionals.isEmpty() ? "none" : String.join(" ", positionals)));
        }
        return positionals.get(0);
    }
}
