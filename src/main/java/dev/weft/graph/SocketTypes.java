package dev.weft.graph;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Socket type compatibility exactly as ComfyUI's backend checks a link
 * ({@code validate_node_input}, non-strict): {@code *} on either side matches anything; otherwise
 * both types are split on commas, trimmed, and match when the two sets share a member. Matching
 * is case-sensitive, as in the backend.
 */
public final class SocketTypes {
    /** The wildcard type. */
    public static final String ANY = "*";

    private SocketTypes() {
    }

    /**
     * @param output the type of the output (the link's origin)
     * @param input the type of the input (the link's target)
     */
    public static boolean compatible(String output, String input) {
        if (output == null || input == null) {
            throw new IllegalArgumentException("socket type must not be null");
        }
        if (output.equals(input) || ANY.equals(output) || ANY.equals(input)) {
            return true;
        }
        Set<String> a = split(output);
        for (String t : split(input)) {
            if (a.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> split(String union) {
        return Arrays.stream(union.split(",")).map(String::trim).collect(Collectors.toSet());
    }
}
