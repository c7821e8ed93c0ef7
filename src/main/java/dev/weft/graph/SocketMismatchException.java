package dev.weft.graph;

/** A connection refused because the output's type cannot feed the input's type. */
public final class SocketMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SocketMismatchException(String message) {
        super(message);
    }
}
