package dev.weft.ui.files;

import com.google.gson.JsonObject;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.run.Debouncer;
import dev.weft.workflow.UiWorkflowWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Keeps the recovery copy current: after every change to the open workflow (coalesced over
 * {@link #DELAY}, so a drag writes once) the workflow is serialised on the UI thread and written
 * atomically on a background thread. A save or a clean close clears the copy.
 */
public final class Autosaver {
    /** How long edits are gathered before one write. */
    public static final Duration DELAY = Duration.ofMillis(250);

    private final EditorModel model;
    private final RecoveryStore store;
    private final Executor io;
    private final Clock clock;
    private final Consumer<String> problems;
    private final Debouncer debouncer;

    /**
     * @param scheduler the UI thread's timer
     * @param io where files are written (a single background thread)
     * @param problems told when a write fails
     */
    public Autosaver(EditorModel model, RecoveryStore store, Debouncer.Scheduler scheduler, Executor io, Clock clock,
            Consumer<String> problems) {
        this.model = model;
        this.store = store;
        this.io = io;
        this.clock = clock;
        this.problems = problems;
        this.debouncer = new Debouncer(DELAY, scheduler, this::writeNow);
        model.addGraphListener((g, change) -> debouncer.trigger());
    }

    /** Writes the copy at once (after opening a document that is not saved anywhere yet). */
    public void writeNow() {
        if (!model.document().dirty()) {
            clear();
            return;
        }
        JsonObject json = UiWorkflowWriter.toJson(model.graph());
        var source = model.document().file();
        var at = clock.instant();
        io.execute(() -> {
            try {
                store.write(json, source, at);
            } catch (IOException e) {
                problems.accept("Could not write the recovery copy " + store.file() + ": " + e.getMessage());
            }
        });
    }

    /** Removes the copy (after a save, or on a clean exit). */
    public void clear() {
        debouncer.cancel();
        io.execute(() -> {
            try {
                store.clear();
            } catch (IOException e) {
                problems.accept("Could not remove the recovery copy " + store.file() + ": " + e.getMessage());
            }
        });
    }
}
