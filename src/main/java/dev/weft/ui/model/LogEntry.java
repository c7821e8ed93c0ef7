package dev.weft.ui.model;

import java.time.LocalTime;

/**
 * One line of the editor's log.
 *
 * @param time when it happened
 * @param level how bad it is
 * @param nodeId the node it concerns, or -1
 * @param text the message (for errors: node, input and fix)
 */
public record LogEntry(LocalTime time, Level level, int nodeId, String text) {
    public enum Level {
        INFO, WARNING, ERROR
    }

    @Override
    public String toString() {
        return time.withNano(0) + " " + level + (nodeId >= 0 ? " [node " + nodeId + "] " : " ") + text;
    }
}
