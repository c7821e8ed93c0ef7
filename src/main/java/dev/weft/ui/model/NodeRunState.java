package dev.weft.ui.model;

/**
 * How a node stands in the latest run that involved it.
 *
 * @param status what the badge shows
 * @param runId the run, or {@code null}
 * @param value progress so far (sampler step), 0 when unknown
 * @param max progress total, 0 when the node reports none
 * @param message the error message (names node, input and fix), or {@code null}
 */
public record NodeRunState(NodeStatus status, String runId, int value, int max, String message) {
    public static final NodeRunState IDLE = new NodeRunState(NodeStatus.IDLE, null, 0, 0, null);

    /** Progress in [0, 1], or -1 when the node reports none. */
    public double fraction() {
        return max > 0 ? Math.min(1, (double) value / max) : -1;
    }
}
