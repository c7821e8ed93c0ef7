package dev.weft.nodes;

/**
 * A node failed for a reason the user can fix: a missing model, a bad value, a wrong file.
 * The message names the input and says what to do; the executor adds the node id and title.
 */
public class NodeFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String input;

    /** @param input the input at fault, or {@code null} when no single input is */
    public NodeFailure(String input, String message) {
        super(message);
        this.input = input;
    }

    public NodeFailure(String input, String message, Throwable cause) {
        super(message, cause);
        this.input = input;
    }

    /** The input at fault, or {@code null}. */
    public String input() {
        return input;
    }

    /** For node types that are specified but cannot run yet. */
    public static NodeFailure notImplemented(String classType) {
        return new NodeFailure(null, classType + " is not implemented yet in Weft");
    }
}
