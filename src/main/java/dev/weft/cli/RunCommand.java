package dev.weft.cli;

import com.google.gson.JsonObject;
import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.Executor;
import dev.weft.exec.ExecutorConfig;
import dev.weft.exec.RunHandle;
import dev.weft.exec.RunRequest;
import dev.weft.exec.ValidationError;
import dev.weft.exec.ValidationException;
import dev.weft.exec.ValidationReport;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.WorkflowFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code weft run WORKFLOW [--models DIR] [--input DIR] [--output DIR] [--set NODE_ID.INPUT=VALUE ...]}:
 * runs every output of a workflow and prints its progress. A UI workflow's dynamic prompts are
 * resolved and its seeds used as saved (control_after_generate changes a seed after a run is
 * queued, so a single run uses the stored value, as in ComfyUI). Saved PNGs embed the prompt and the
 * workflow. Exit 0 when every node ran, 1 when the workflow does not validate or a node fails (its
 * error on stderr), 2 for bad input.
 */
final class RunCommand {
    static final Set<String> OPTIONS = Set.of("models", "input", "output", "set");

    private RunCommand() {
    }

    static int run(List<String> raw, PrintStream out, PrintStream err, CliContext ctx) {
        Args args = Args.parse("run", raw, OPTIONS, Set.of());
        String workflow = args.single("run", "workflow file (UI workflow JSON, API prompt JSON or PNG)");
        NodeRegistry registry = WorkflowInput.registry("run", ctx);
        WorkflowFile.Loaded loaded = WorkflowInput.load("run", workflow, ctx, registry);
        ApiPrompt prompt = WorkflowInput.prompt("run", loaded, registry);
        for (String set : args.all("set")) {
            Overrides o = Overrides.parse(set, prompt, registry);
            prompt = o.applyTo(prompt);
            o.applyTo(loaded.graph(), registry);
        }
        JsonObject extra = WorkflowInput.extraPngInfo(loaded);

        Path output = ctx.resolve(args.option("output").orElse("output"));
        Path temp = Path.of(System.getProperty("java.io.tmpdir"), "weft-temp");
        ExecutorConfig config = new ExecutorConfig(WorkflowInput.folders(args, ctx), output, temp);
        ValidationReport report = Executor.validate(prompt, registry, config.folders());
        if (!report.ok()) {
            return refuse(report, err);
        }
        try (Executor executor = new Executor(registry, config)) {
            executor.addListener(new ProgressPrinter(prompt, registry, config, ctx, out, err));
            out.println("running " + workflow + " (" + prompt.nodes().size() + " nodes)");
            RunHandle handle;
            try {
                handle = executor.submit(new RunRequest(prompt, extra, Set.of()));
            } catch (ValidationException e) { // a file went missing since the check above
                return refuse(e.report(), err);
            }
            ExecutionEvent.Outcome outcome = await(handle);
            return outcome == ExecutionEvent.Outcome.SUCCESS ? 0 : CliException.FAILED;
        }
    }

    private static int refuse(ValidationReport report, PrintStream err) {
        for (ValidationError v : report.errors()) {
            err.println("weft run: " + v.describe());
        }
        return CliException.FAILED;
    }

    private static ExecutionEvent.Outcome await(RunHandle handle) {
        try {
            return handle.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecutionEvent.Outcome.INTERRUPTED;
        } catch (ExecutionException e) {
            throw new CliException(CliException.FAILED, "weft run: " + e.getCause());
        }
    }
}
