package dev.weft.ui.model;

/**
 * A reason the engine refused a run before it started (a validation error).
 *
 * @param nodeId the node, or -1 when the problem is not tied to one
 * @param input the input concerned, or {@code null}
 * @param message what is wrong
 * @param fix what the user can do about it
 */
public record RunProblem(int nodeId, String input, String message, String fix) {
    /** The message and the fix as one line. */
    public String text() {
        return message + (fix == null || fix.isBlank() ? "" : " " + fix);
    }
}
