package dev.weft.ui.run;

import com.google.gson.JsonObject;
import dev.weft.exec.ExecutionListener;
import dev.weft.ui.model.OutputImage;
import dev.weft.workflow.ApiPrompt;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The engine as the editor sees it: queue a prompt, cancel or interrupt runs, and listen to what
 * happens. Implementations must never block the caller on the engine: {@link #submit} validates
 * and queues, then returns. Events reach listeners on the implementation's own thread (never the
 * UI thread); the editor coalesces them before touching the UI.
 */
public interface RunService extends AutoCloseable {
    /**
     * Validates and queues a run.
     *
     * @param prompt the API prompt to run
     * @param workflow the UI workflow, embedded in saved images (ComfyUI's {@code extra_pnginfo})
     * @return the run id, as events will carry it
     * @throws RunRejectedException naming each node and input that is wrong and how to fix it
     */
    String submit(ApiPrompt prompt, JsonObject workflow) throws RunRejectedException;

    /** Drops a queued run, or interrupts it if it is running; false when it already ended. */
    boolean cancel(String runId);

    /** Stops the running run at its next cancel point. */
    void interrupt();

    void addListener(ExecutionListener l);

    void removeListener(ExecutionListener l);

    /** The file behind an image a node reported, if it is where the engine said. */
    Optional<Path> locate(OutputImage image);

    /** Whether the engine can run anything at all (the offline stand-in cannot). */
    default boolean available() {
        return true;
    }

    @Override
    void close();
}
