package dev.weft.workflow;

import java.io.IOException;

/**
 * A workflow, prompt or PNG that cannot be read, with a one-line message that names the file and
 * the offending part (line and column, node id, link id, ...). The CLI prints the message as is.
 */
public class WorkflowException extends IOException {
    private static final long serialVersionUID = 1L;

    public WorkflowException(String message) {
        super(message);
    }

    public WorkflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
