package dev.weft.ui.run;

import java.time.Duration;

/**
 * Runs an action once things have been quiet for a while: each {@link #trigger()} restarts the
 * wait. The clock is a {@link Scheduler}, so tests can drive time by hand. Same thread as the
 * scheduler's tasks (the UI thread).
 */
public final class Debouncer {
    /** Runs a task after a delay on the owner's thread. */
    @FunctionalInterface
    public interface Scheduler {
        Cancellable schedule(Duration delay, Runnable task);
    }

    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    private final Duration delay;
    private final Scheduler scheduler;
    private final Runnable action;
    private Cancellable pending;

    public Debouncer(Duration delay, Scheduler scheduler, Runnable action) {
        this.delay = delay;
        this.scheduler = scheduler;
        this.action = action;
    }

    /** (Re)starts the wait; the action runs {@code delay} after the last trigger. */
    public void trigger() {
        cancel();
        pending = scheduler.schedule(delay, () -> {
            pending = null;
            action.run();
        });
    }

    /** Forgets a pending run. */
    public void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    public boolean isPending() {
        return pending != null;
    }

    public Duration delay() {
        return delay;
    }
}
