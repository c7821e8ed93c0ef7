package dev.weft.exec;

import dev.weft.workflow.ApiPrompt;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a validated prompt runs: the output nodes (or requested targets) and every ancestor they
 * need, with no cycle among them.
 *
 * @param prompt  the prompt as submitted (nodes see it through their context)
 * @param nodes   the nodes to run, by id, in prompt order
 * @param outputs the nodes the run is for (outputs or targets), in prompt order
 */
record ExecutionPlan(ApiPrompt prompt, Map<String, PlannedNode> nodes, List<String> outputs) {
    ExecutionPlan {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        outputs = List.copyOf(outputs);
    }

    PlannedNode node(String id) {
        PlannedNode n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("node " + id + " is not part of this run");
        }
        return n;
    }
}
