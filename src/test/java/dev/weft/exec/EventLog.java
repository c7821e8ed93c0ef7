package dev.weft.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A listener that keeps every event and the threads it was called on. */
final class EventLog implements ExecutionListener {
    private final List<ExecutionEvent> events = new ArrayList<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized void onEvent(ExecutionEvent event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }

    synchronized List<ExecutionEvent> all() {
        return List.copyOf(events);
    }

    /** The events of one run, in delivery order. */
    synchronized List<ExecutionEvent> of(String runId) {
        return events.stream().filter(e -> e.runId().equals(runId)).toList();
    }

    <T extends ExecutionEvent> List<T> of(String runId, Class<T> type) {
        return of(runId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    Set<String> threads() {
        return Set.copyOf(threads);
    }
}
