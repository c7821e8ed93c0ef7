package dev.weft.ui.run;

import dev.weft.ui.model.RunProblem;
import java.util.List;

/** The engine refused to queue a run; each problem names its node, input and fix. */
public final class RunRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<RunProblem> problems;

    public RunRejectedException(List<RunProblem> problems) {
        super(problems.isEmpty() ? "the run was refused" : problems.get(0).text()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<RunProblem> problems() {
        return problems;
    }
}
