package dev.weft.exec;

import dev.weft.graph.NodeSpec;
import dev.weft.nodes.NodeImpl;
import dev.weft.workflow.ApiInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated prompt node, ready to run.
 *
 * @param id        prompt node id
 * @param classType its type
 * @param title     the title messages use
 * @param spec      its spec
 * @param impl      its implementation
 * @param constants constant inputs by name, converted as {@link dev.weft.nodes.NodeInputs} documents,
 *                  in prompt order
 * @param links     linked inputs by name, in prompt order
 */
record PlannedNode(String id, String classType, String title, NodeSpec spec, NodeImpl impl,
                   Map<String, Object> constants, Map<String, ApiInput.LinkRef> links) {
    PlannedNode {
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
    }

    /** How messages name this node. */
    String describe() {
        return NodeNames.describe(id, title, classType);
    }
}
