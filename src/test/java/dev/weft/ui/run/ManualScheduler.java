package dev.weft.ui.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose clock moves only when the test says so. */
public final class ManualScheduler implements Debouncer.Scheduler {
    private long now;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final long due;
        final Runnable run;
        boolean cancelled;

        Task(long due, Runnable run) {
            this.due = due;
            this.run = run;
        }
    }

    @Override
    public Debouncer.Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toMillis(), task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves time forward, running what falls due in order. */
    public void advance(Duration d) {
        long end = now + d.toMillis();
        while (true) {
            Task next = null;
            for (Task t : tasks) {
                if (!t.cancelled && t.due <= end && (next == null || t.due < next.due)) {
                    next = t;
                }
            }
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            next.run.run();
        }
        now = end;
    }

    public long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
