package dev.weft.exec;

import dev.weft.graph.NodeSpecs;
import dev.weft.workflow.ApiNode;

/**
 * How messages name a node: its id, its title and (when the title differs) its class_type, e.g.
 * {@code node 4 "Load Checkpoint" (CheckpointLoaderSimple)}. Shared by the executor's errors and
 * the front ends' progress lines so a node reads the same everywhere.
 */
public final class NodeNames {
    private NodeNames() {
    }

    /** {@code node 4 "Load Checkpoint" (CheckpointLoaderSimple)}, or {@code node 3 "KSampler"}. */
    public static String describe(String nodeId, String title, String classType) {
        StringBuilder b = new StringBuilder("node ").append(nodeId);
        if (title != null) {
            b.append(" \"").append(title).append('"');
        }
        if (classType != null && !classType.equals(title)) {
            b.append(" (").append(classType).append(')');
        }
        return b.toString();
    }

    /** The title a user sees: {@code _meta.title}, else the spec's display name, else the class_type. */
    public static String title(ApiNode node, NodeSpecs specs) {
        if (node.title() != null && !node.title().isBlank()) {
            return node.title();
        }
        return specs.find(node.classType()).map(s -> s.displayName()).orElse(node.classType());
    }
}
