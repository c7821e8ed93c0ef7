package dev.weft.ui.run;

import com.google.gson.JsonObject;
import dev.weft.exec.ExecutionListener;
import dev.weft.exec.Executor;
import dev.weft.exec.ExecutorConfig;
import dev.weft.exec.RunRequest;
import dev.weft.exec.ValidationError;
import dev.weft.exec.ValidationException;
import dev.weft.nodes.NodeRegistry;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.model.RunProblem;
import dev.weft.workflow.ApiPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Weft's own engine behind the editor's {@link RunService}: a thin adapter over {@link Executor}.
 * Submitting validates on the caller's thread (it reads the model folders' listings, no model
 * files) and queues; the engine and its event dispatcher run on their own threads.
 */
public final class ExecutorRunService implements RunService {
    private final Executor executor;
    private final ExecutorConfig config;

    public ExecutorRunService(NodeRegistry registry, ExecutorConfig config) {
        this.executor = new Executor(registry, config);
        this.config = config;
    }

    @Override
    public String submit(ApiPrompt prompt, JsonObject workflow) throws RunRejectedException {
        JsonObject extra = new JsonObject();
        extra.add("workflow", workflow);
        try {
            return executor.submit(new RunRequest(prompt, extra, Set.of())).runId();
        } catch (ValidationException e) {
            throw new RunRejectedException(e.report().errors().stream().map(ExecutorRunService::problem).toList());
        }
    }

    /** A validation error as the editor shows it: on its node, with the input, the problem and the fix. */
    static RunProblem problem(ValidationError v) {
        int node = -1;
        if (v.nodeId() != null) {
            try {
                node = Integer.parseInt(v.nodeId().contains(":") ? v.nodeId().substring(0, v.nodeId().indexOf(':'))
                        : v.nodeId());
            } catch (NumberFormatException e) {
                // an id the editor did not make; the problem still reaches the log
            }
        }
        String where = v.input() == null ? "" : "input " + v.input() + ": ";
        String fix = v.fix() == null || v.fix().isBlank() ? null : "Fix: " + v.fix() + ".";
        return new RunProblem(node, v.input(), where + v.message() + ".", fix);
    }

    @Override
    public boolean cancel(String runId) {
        return executor.cancel(runId);
    }

    @Override
    public void interrupt() {
        executor.interrupt();
    }

    @Override
    public void addListener(ExecutionListener l) {
        executor.addListener(l);
    }

    @Override
    public void removeListener(ExecutionListener l) {
        executor.removeListener(l);
    }

    @Override
    public Optional<Path> locate(OutputImage image) {
        Path folder = switch (image.type()) {
            case "temp" -> config.tempFolder();
            case "input" -> config.folders().inputFolder();
            default -> config.outputFolder();
        };
        Path p = folder.resolve(image.subfolder()).resolve(image.filename()).normalize();
        return p.startsWith(folder) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public void close() {
        executor.close();
    }
}
