package dev.weft.cli;

/**
 * A failure the CLI reports as one line on stderr and an exit code, never a stack trace.
 * Exit codes: 1 = the workflow is invalid or a node failed, 2 = bad input or usage.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Validation errors or a node that failed while running. */
    public static final int FAILED = 1;
    /** Unreadable input, unknown command or option. */
    public static final int BAD_INPUT = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException badInput(String message) {
        return new CliException(BAD_INPUT, message);
    }
}
