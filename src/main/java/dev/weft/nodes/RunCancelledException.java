package dev.weft.nodes;

/** The run was interrupted by the user; thrown from {@link NodeContext#checkCancelled()}. */
public final class RunCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunCancelledException() {
        super("interrupted");
    }
}
