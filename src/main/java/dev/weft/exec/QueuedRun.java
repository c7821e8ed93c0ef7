package dev.weft.exec;

import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;

/** A submitted run: its validated plan, its request and whether it was interrupted. Thread-safe. */
final class QueuedRun {
    private final String id;
    private final ExecutionPlan plan;
    private final JsonObject extraPngInfo;
    private final CompletableFuture<ExecutionEvent.Outcome> done = new CompletableFuture<>();
    private volatile boolean interrupted;

    QueuedRun(String id, ExecutionPlan plan, JsonObject extraPngInfo) {
        this.id = id;
        this.plan = plan;
        this.extraPngInfo = extraPngInfo.deepCopy();
    }

    String id() {
        return id;
    }

    ExecutionPlan plan() {
        return plan;
    }

    /** A fresh copy for each node, so no node can change what the next one sees. */
    JsonObject extraPngInfo() {
        return extraPngInfo.deepCopy();
    }

    CompletableFuture<ExecutionEvent.Outcome> done() {
        return done;
    }

    /** Asks the run to stop at its next cancel point. */
    void interrupt() {
        interrupted = true;
    }

    boolean interrupted() {
        return interrupted;
    }
}
