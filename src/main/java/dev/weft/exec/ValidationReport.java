package dev.weft.exec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of validating a prompt: every problem found, in prompt order (empty when it can run).
 */
public record ValidationReport(List<ValidationError> errors) {
    public ValidationReport {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The problems of one node. */
    public List<ValidationError> forNode(String nodeId) {
        return errors.stream().filter(e -> nodeId.equals(e.nodeId())).toList();
    }

    /** One {@link ValidationError#describe()} line per problem. */
    public String describe() {
        return errors.stream().map(ValidationError::describe).collect(Collectors.joining("\n"));
    }
}
