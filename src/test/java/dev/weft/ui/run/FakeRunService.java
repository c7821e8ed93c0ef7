package dev.weft.ui.run;

import com.google.gson.JsonObject;
import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.ExecutionListener;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.model.RunProblem;
import dev.weft.workflow.ApiPrompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A run service for editor tests: records what was submitted and cancelled, refuses runs when
 * told to, and lets the test play executor events (from any thread).
 */
public final class FakeRunService implements RunService {
    public record Submission(String runId, ApiPrompt prompt, JsonObject workflow) {
    }

    public final List<Submission> submitted = new ArrayList<>();
    public final List<String> cancelled = new ArrayList<>();
    public int interrupts;
    public List<RunProblem> refuseWith;
    public Path outputFolder;
    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public String submit(ApiPrompt prompt, JsonObject workflow) throws RunRejectedException {
        if (refuseWith != null) {
            throw new RunRejectedException(refuseWith);
        }
        String id = "run-" + (submitted.size() + 1);
        submitted.add(new Submission(id, prompt, workflow));
        return id;
    }

    @Override
    public boolean cancel(String runId) {
        cancelled.add(runId);
        return true;
    }

    @Override
    public void interrupt() {
        interrupts++;
    }

    @Override
    public void addListener(ExecutionListener l) {
        listeners.add(l);
    }

    @Override
    public void removeListener(ExecutionListener l) {
        listeners.remove(l);
    }

    /** Plays an event to the listeners, as the executor's dispatcher thread would. */
    public void emit(ExecutionEvent e) {
        listeners.forEach(l -> l.onEvent(e));
    }

    @Override
    public Optional<Path> locate(OutputImage image) {
        return outputFolder == null ? Optional.empty() : Optional.of(outputFolder.resolve(image.filename()));
    }

    @Override
    public void close() {
    }
}
