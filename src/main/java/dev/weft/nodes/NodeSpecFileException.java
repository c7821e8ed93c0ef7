package dev.weft.nodes;

/**
 * A node spec file that cannot be used: unreadable, not strict JSON, or not one well-named
 * {@code /object_info} entry. The message starts with the file's path (inside the jar when the
 * specs are the bundled ones) and says what to change.
 */
public final class NodeSpecFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NodeSpecFileException(String message) {
        super(message);
    }

    public NodeSpecFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
