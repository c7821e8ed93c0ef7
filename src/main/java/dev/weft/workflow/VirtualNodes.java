package dev.weft.workflow;

import java.util.Set;

/**
 * Frontend-only node types that never reach the backend: the legacy {@code Reroute} node passes a
 * wire through, {@code PrimitiveNode} pushes its value into the widgets it is wired to, and the
 * two note types only show text.
 */
public final class VirtualNodes {
    public static final String REROUTE = "Reroute";
    public static final String PRIMITIVE = "PrimitiveNode";
    public static final Set<String> TYPES = Set.of(REROUTE, PRIMITIVE, "Note", "MarkdownNote");

    private VirtualNodes() {
    }

    public static boolean isVirtual(String type) {
        return TYPES.contains(type);
    }
}
