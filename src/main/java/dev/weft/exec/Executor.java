package dev.weft.exec;

import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs prompts the way ComfyUI's server does, in process: a FIFO queue of validated runs, one
 * engine thread that executes every node, an input-signature cache that makes a second run redo
 * only what a change invalidated, and events for listeners.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>The <b>engine thread</b> ({@code weft-engine}) runs every node and owns every cached
 *       output and the resources nodes {@linkplain dev.weft.nodes.NodeContext#own own}; they are
 *       closed there too.</li>
 *   <li>The <b>dispatcher thread</b> ({@code weft-events}) calls the listeners. The engine only
 *       queues events, never waits for a listener; previews and progress coalesce (latest per node
 *       wins, see {@link EventChannel}).</li>
 *   <li>Every public method may be called from any thread and returns without waiting for a run,
 *       except {@link #close()}, which waits for the threads to stop.</li>
 * </ul>
 *
 * <h2>A run's events</h2>
 * {@code Queued}, {@code Started}, {@code Cached} (possibly empty; followed by an {@code Executed}
 * for each cached node with UI output, as ComfyUI re-sends it), then per executed node
 * {@code NodeStarted}, any {@code Progress}/{@code Preview}, {@code Executed}; a failing node gives
 * {@code NodeError} instead of {@code Executed} (without {@code NodeStarted} when its fingerprint
 * failed, and with a null node id for a fault of the executor itself); always {@code Finished}
 * last. A run cancelled while queued gives only {@code Queued} and {@code Finished(CANCELLED)}.
 *
 * <h2>Cancelling</h2>
 * {@link #interrupt()} stops the running run before its next node or at the next
 * {@link dev.weft.nodes.NodeContext#checkCancelled()} of the running node (every sampler step);
 * the run finishes as {@code INTERRUPTED} and every result computed before stays cached.
 */
public final class Executor implements AutoCloseable {
    private final NodeRegistry registry;
    private final ExecutorConfig config;
    private final EventChannel events = new EventChannel("weft-events");
    private final OutputCache cache = new OutputCache();
    private final Thread engine;

    private final Object lock = new Object();
    private final Deque<QueuedRun> queue = new ArrayDeque<>();
    private final AtomicBoolean clearRequested = new AtomicBoolean();
    private QueuedRun running;
    private boolean closed;

    /** Starts the engine and dispatcher threads. */
    public Executor(NodeRegistry registry, ExecutorConfig config) {
        this.registry = registry;
        this.config = config;
        this.engine = new Thread(this::engineLoop, "weft-engine");
        engine.setDaemon(true);
        engine.start();
    }

    /**
     * Checks a prompt for every output node, without running it. Lists the model and input folders
     * to check file names.
     */
    public ValidationReport validate(ApiPrompt prompt) {
        return validate(prompt, registry, config.folders());
    }

    /**
     * Checks a prompt for every output node against {@code registry}'s specs, with file choices
     * listed from {@code folders} now; needs no executor (and starts no thread).
     */
    public static ValidationReport validate(ApiPrompt prompt, NodeRegistry registry, ModelFolders folders) {
        return PromptValidator.validate(prompt, Set.of(), registry.withFiles(folders), folders).report();
    }

    /**
     * Validates a request and queues it.
     *
     * @throws ValidationException when the prompt does not validate; nothing is queued
     * @throws IllegalStateException after {@link #close()}
     */
    public RunHandle submit(RunRequest request) throws ValidationException {
        PromptValidator.Result r = PromptValidator.validate(request.prompt(), request.targets(),
                registry.withFiles(config.folders()), config.folders());
        if (r.ok().isEmpty()) {
            throw new ValidationException(r.report());
        }
        QueuedRun run = new QueuedRun(UUID.randomUUID().toString(), r.ok().get(), request.extraPngInfo());
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the executor is closed");
            }
            queue.add(run);
            // Posted under the lock so Queued precedes the Started the engine posts once it takes the run.
            events.post(new ExecutionEvent.Queued(run.id(), queue.size() - 1));
            lock.notifyAll();
        }
        return new RunHandle(run.id(), run.done());
    }

    /** Stops the running run at its next cancel point; does nothing when no run is running. */
    public void interrupt() {
        synchronized (lock) {
            if (running != null) {
                running.interrupt();
            }
        }
    }

    /**
     * Drops a queued run (it finishes as {@code CANCELLED}) or interrupts it if it is running.
     *
     * @return false when no queued or running run has that id
     */
    public boolean cancel(String runId) {
        QueuedRun dropped = null;
        synchronized (lock) {
            for (Iterator<QueuedRun> it = queue.iterator(); it.hasNext(); ) {
                QueuedRun r = it.next();
                if (r.id().equals(runId)) {
                    it.remove();
                    dropped = r;
                    break;
                }
            }
            if (dropped == null) {
                if (running != null && running.id().equals(runId)) {
                    running.interrupt();
                    return true;
                }
                return false;
            }
        }
        finish(dropped, ExecutionEvent.Outcome.CANCELLED, Duration.ZERO);
        return true;
    }

    /** The ids of the runs waiting to start, next first. */
    public List<String> queuedRunIds() {
        synchronized (lock) {
            return queue.stream().map(QueuedRun::id).toList();
        }
    }

    public void addListener(ExecutionListener l) {
        events.addListener(l);
    }

    public void removeListener(ExecutionListener l) {
        events.removeListener(l);
    }

    /**
     * Frees every cached output and closes the resources nodes own. Happens on the engine thread,
     * after the running run (if any) ends and before the next one starts.
     */
    public void clearCache() {
        clearRequested.set(true);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Cancels queued runs, interrupts the running one, waits for it to stop, frees the cache and
     * stops both threads once the remaining events are delivered. Idempotent.
     */
    @Override
    public void close() {
        List<QueuedRun> dropped;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
            if (running != null) {
                running.interrupt();
            }
            lock.notifyAll();
        }
        dropped.forEach(r -> finish(r, ExecutionEvent.Outcome.CANCELLED, Duration.ZERO));
        try {
            if (Thread.currentThread() != engine) {
                engine.join();
            }
            events.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- engine thread

    private void engineLoop() {
        while (true) {
            QueuedRun run;
            synchronized (lock) {
                while (queue.isEmpty() && !closed && !clearRequested.get()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (closed) {
                    break;
                }
                run = queue.poll(); // null when woken only to clear the cache
                running = run;
            }
            if (clearRequested.getAndSet(false)) {
                cache.clear();
            }
            if (run != null) {
                execute(run);
            }
        }
        cache.clear();
    }

    private void execute(QueuedRun run) {
        long start = System.nanoTime();
        ExecutionEvent.Outcome outcome;
        events.post(new ExecutionEvent.Started(run.id()));
        try {
            outcome = new RunExecution(run, config, cache, events).execute();
        } catch (RuntimeException | LinkageError e) {
            // A bug in the executor itself: report it on the run and keep the engine alive.
            events.post(new ExecutionEvent.NodeError(run.id(), null, e.getClass().getName(),
                    "internal error in the executor: " + e));
            outcome = ExecutionEvent.Outcome.ERROR;
        }
        synchronized (lock) {
            running = null;
        }
        finish(run, outcome, Duration.ofNanos(System.nanoTime() - start));
    }

    private void finish(QueuedRun run, ExecutionEvent.Outcome outcome, Duration elapsed) {
        events.post(new ExecutionEvent.Finished(run.id(), outcome, elapsed), () -> run.done().complete(outcome));
    }
}
