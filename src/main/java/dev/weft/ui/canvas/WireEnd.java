package dev.weft.ui.canvas;

/**
 * The fixed end of a wire being dragged.
 *
 * @param nodeId the node it leaves
 * @param slot output index when {@code output}, else input index
 * @param output whether the wire leaves an output (and looks for an input)
 * @param type the socket type
 */
public record WireEnd(int nodeId, int slot, boolean output, String type) {
}
