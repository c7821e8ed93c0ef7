package dev.weft.ui.model;

import java.time.Duration;

/**
 * One run as the queue panel shows it.
 *
 * @param runId the executor's id
 * @param label what started it ("Run", "Run on change")
 * @param status where it is
 * @param total nodes in its prompt
 * @param finished nodes executed or taken from the cache so far
 * @param currentNode the node executing now, or {@code null}
 * @param step progress of the current node (sampler step), 0 when none
 * @param steps total of the current node's progress, 0 when none
 * @param elapsed how long it ran, once finished; {@code null} before
 */
public record RunInfo(String runId, String label, RunStatus status, int total, int finished, String currentNode,
        int step, int steps, Duration elapsed) {

    /** Share of the run done, in [0, 1]: whole nodes plus the running node's share. */
    public double progress() {
        if (status == RunStatus.SUCCESS) {
            return 1;
        }
        if (total <= 0) {
            return 0;
        }
        double part = steps > 0 ? (double) step / steps : 0;
        return Math.min(1, (finished + part) / total);
    }

    RunInfo with(RunStatus s) {
        return new RunInfo(runId, label, s, total, finished, currentNode, step, steps, elapsed);
    }

    RunInfo withNode(String node, int value, int max) {
        return new RunInfo(runId, label, status, total, finished, node, value, max, elapsed);
    }

    RunInfo plusFinished(int n) {
        return new RunInfo(runId, label, status, total, finished + n, currentNode, 0, 0, elapsed);
    }

    RunInfo ended(RunStatus s, Duration d) {
        return new RunInfo(runId, label, s, total, finished, null, 0, 0, d);
    }
}
