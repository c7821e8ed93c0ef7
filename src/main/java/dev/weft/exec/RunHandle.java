package dev.weft.exec;

import java.util.concurrent.CompletableFuture;

/**
 * A queued run.
 *
 * @param runId its id, as in every event of the run
 * @param done  completes with the run's outcome once its {@link ExecutionEvent.Finished} event has
 *              been delivered to every listener (so a caller that waits on it has seen all events);
 *              dependent actions run on the event dispatcher thread unless made async
 */
public record RunHandle(String runId, CompletableFuture<ExecutionEvent.Outcome> done) {
}
