package dev.weft.cli;

import dev.weft.exec.Executor;
import dev.weft.exec.ValidationError;
import dev.weft.exec.ValidationReport;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.WorkflowFile;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code weft validate WORKFLOW [--models DIR] [--input DIR]}: checks a workflow as a run would,
 * without running it, and prints one line per problem ({@link ValidationError#describe()}) and a
 * summary. Exit 0 when it validates, 1 when it does not, 2 for bad input.
 */
final class ValidateCommand {
    private ValidateCommand() {
    }

    static int run(List<String> raw, PrintStream out, PrintStream err, CliContext ctx) {
        Args args = Args.parse("validate", raw, Set.of("models", "input"), Set.of());
        String workflow = args.single("validate", "workflow file (UI workflow JSON, API prompt JSON or PNG)");
        NodeRegistry registry = WorkflowInput.registry("validate", ctx);
        WorkflowFile.Loaded loaded = WorkflowInput.load("validate", workflow, ctx, registry);
        ApiPrompt prompt = WorkflowInput.prompt("validate", loaded, registry);
        ValidationReport report = Executor.validate(prompt, registry, WorkflowInput.folders(args, ctx));
        for (ValidationError e : report.errors()) {
            out.println(e.describe());
        }
        int n = report.errors().size();
        out.println(workflow + ": " + (n == 0 ? "ok (" + prompt.nodes().size() + " nodes)"
                : n + (n == 1 ? " error" : " errors")));
        return n == 0 ? 0 : CliException.FAILED;
    }
}
