package dev.weft.ui.run;

import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.ExecutionListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries executor events from the dispatcher thread to the UI thread without flooding it: events
 * wait in a buffer where a newer preview or progress report of the same node replaces the older
 * one, and at most one hand-over is outstanding at a time, so a fast sampler costs one
 * {@code Platform.runLater} per UI pulse however many frames it makes. Other events keep their
 * order.
 *
 * <p>{@link #onEvent} may be called from any thread; the sink runs on {@code ui}.
 */
public final class EventCoalescer implements ExecutionListener {
    private final Executor ui;
    private final Consumer<List<ExecutionEvent>> sink;
    private final Object lock = new Object();
    private List<ExecutionEvent> pending = new ArrayList<>();
    private final Map<String, Integer> replaceable = new HashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * @param ui runs a task on the UI thread ({@code Platform::runLater})
     * @param sink receives the buffered events, in order, on the UI thread
     */
    public EventCoalescer(Executor ui, Consumer<List<ExecutionEvent>> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    @Override
    public void onEvent(ExecutionEvent e) {
        synchronized (lock) {
            String key = key(e);
            if (key != null) {
                Integer old = replaceable.put(key, pending.size());
                if (old != null) {
                    pending.set(old, null);
                }
            }
            pending.add(e);
        }
        if (scheduled.compareAndSet(false, true)) {
            ui.execute(this::flush);
        }
    }

    /** Hands the buffered events to the sink; runs on the UI thread. */
    private void flush() {
        List<ExecutionEvent> batch;
        synchronized (lock) {
            // cleared before draining: an event arriving from now on schedules the next hand-over
            scheduled.set(false);
            batch = pending;
            pending = new ArrayList<>();
            replaceable.clear();
        }
        batch.removeIf(Objects::isNull);
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }

    /** Events superseded by a later one of the same kind for the same node. */
    private static String key(ExecutionEvent e) {
        if (e instanceof ExecutionEvent.Preview p) {
            return "preview " + p.runId() + " " + p.nodeId();
        }
        if (e instanceof ExecutionEvent.Progress p) {
            return "progress " + p.runId() + " " + p.nodeId();
        }
        return null;
    }
}
