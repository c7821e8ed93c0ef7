package dev.weft.ui.run;

import com.google.gson.JsonObject;
import dev.weft.exec.ExecutionListener;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.model.RunProblem;
import dev.weft.workflow.ApiPrompt;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Stands in for the engine when none is available: every run is refused with the reason. */
public final class OfflineRunService implements RunService {
    private final String reason;

    public OfflineRunService(String reason) {
        this.reason = reason;
    }

    @Override
    public String submit(ApiPrompt prompt, JsonObject workflow) throws RunRejectedException {
        throw new RunRejectedException(List.of(new RunProblem(-1, null, reason, null)));
    }

    @Override
    public boolean cancel(String runId) {
        return false;
    }

    @Override
    public void interrupt() {
    }

    @Override
    public void addListener(ExecutionListener l) {
    }

    @Override
    public void removeListener(ExecutionListener l) {
    }

    @Override
    public Optional<Path> locate(OutputImage image) {
        return Optional.empty();
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public void close() {
    }
}
