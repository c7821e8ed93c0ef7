package dev.weft.nodes;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a node returns.
 *
 * @param outputs one value per output slot of the spec, in order (may be empty for output nodes)
 * @param ui      what the UI shows for the node, in ComfyUI's {@code executed} shape, e.g.
 *                {@code {"images": [{"filename": ..., "subfolder": ..., "type": "output"}]}}; may be empty
 */
public record NodeResult(List<Object> outputs, JsonObject ui) {
    public NodeResult {
        outputs = Collections.unmodifiableList(Arrays.asList(outputs.toArray()));
        ui = ui == null ? new JsonObject() : ui.deepCopy();
    }

    public static NodeResult of(Object... outputs) {
        return new NodeResult(Arrays.asList(outputs), null);
    }

    public NodeResult withUi(JsonObject ui) {
        return new NodeResult(outputs, ui);
    }
}
