package dev.weft.exec;

import com.google.gson.JsonObject;
import dev.weft.nodes.PreviewFrame;
import java.time.Duration;
import java.util.List;

/**
 * What the executor reports while it works, mirroring ComfyUI's websocket messages. Events are
 * delivered to listeners on a dispatcher thread, in order per run, never on the engine thread;
 * previews and progress may be dropped when a newer one for the same node is waiting (latest wins).
 */
public sealed interface ExecutionEvent {
    /** The run this event belongs to. */
    String runId();

    /** A run entered the queue; {@code position} 0 means it runs next. */
    record Queued(String runId, int position) implements ExecutionEvent {
    }

    /** The engine thread picked the run up. */
    record Started(String runId) implements ExecutionEvent {
    }

    /** These nodes' outputs came from the cache and will not run. */
    record Cached(String runId, List<String> nodeIds) implements ExecutionEvent {
        public Cached {
            nodeIds = List.copyOf(nodeIds);
        }
    }

    /** A node began executing. */
    record NodeStarted(String runId, String nodeId) implements ExecutionEvent {
    }

    /** A node's progress, e.g. sampler step {@code value} of {@code max}. */
    record Progress(String runId, String nodeId, int value, int max) implements ExecutionEvent {
    }

    /** Something a node wants the user to know that did not stop it ({@code NodeContext.warn}). */
    record NodeWarning(String runId, String nodeId, String message) implements ExecutionEvent {
    }

    /** An intermediate image of a running node. */
    record Preview(String runId, String nodeId, PreviewFrame frame) implements ExecutionEvent {
    }

    /** A node finished; {@code ui} is its UI output (e.g. saved images), possibly empty. */
    record Executed(String runId, String nodeId, JsonObject ui) implements ExecutionEvent {
    }

    /**
     * A node failed. {@code kind} is ComfyUI's exception type or a validation error kind;
     * {@code message} names the node, input and fix.
     */
    record NodeError(String runId, String nodeId, String kind, String message) implements ExecutionEvent {
    }

    /** The run ended. */
    record Finished(String runId, Outcome outcome, Duration elapsed) implements ExecutionEvent {
    }

    /** How a run ended. */
    enum Outcome {
        SUCCESS, ERROR, INTERRUPTED, CANCELLED
    }
}
