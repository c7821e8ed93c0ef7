package dev.weft.exec;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Carries events from the engine (and from callers of the executor) to listeners on its own
 * dispatcher thread, so a slow listener never holds up the engine: {@link #post} only queues.
 *
 * <p>The queue stays bounded however slow the listeners are: a {@link ExecutionEvent.Preview} or
 * {@link ExecutionEvent.Progress} replaces an undelivered one of the same run and node (the newer
 * one takes the place at the end of the queue, so events keep the order they were posted in), and
 * every other event is one of a few per node. Listeners are called in the order they were added;
 * one that throws is logged and the others still get the event.
 */
final class EventChannel {
    private static final System.Logger LOG = System.getLogger(EventChannel.class.getName());

    /** What makes two events interchangeable: only the latest needs delivering. */
    private record Coalesce(Class<?> kind, String runId, String nodeId) {
    }

    private record Pending(ExecutionEvent event, Runnable afterDelivery) {
    }

    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Map<Object, Pending> queue = new LinkedHashMap<>();
    private final Thread thread;
    private long sequence;
    private boolean closed;

    EventChannel(String threadName) {
        thread = new Thread(this::dispatch, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    void addListener(ExecutionListener l) {
        listeners.add(l);
    }

    void removeListener(ExecutionListener l) {
        listeners.remove(l);
    }

    void post(ExecutionEvent event) {
        post(event, null);
    }

    /**
     * Queues an event; never blocks on listeners.
     *
     * @param afterDelivery run on the dispatcher thread once every listener has had the event
     */
    void post(ExecutionEvent event, Runnable afterDelivery) {
        Object key = null;
        if (event instanceof ExecutionEvent.Preview p) {
            key = new Coalesce(ExecutionEvent.Preview.class, p.runId(), p.nodeId());
        } else if (event instanceof ExecutionEvent.Progress p) {
            key = new Coalesce(ExecutionEvent.Progress.class, p.runId(), p.nodeId());
        }
        synchronized (lock) {
            if (key == null) {
                key = sequence++;
            } else {
                queue.remove(key);
            }
            queue.put(key, new Pending(event, afterDelivery));
            lock.notifyAll();
        }
    }

    boolean isDispatcherThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Delivers what is queued, then stops the dispatcher thread; waits for it unless called on it.
     */
    void close() throws InterruptedException {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        if (!isDispatcherThread()) {
            thread.join();
        }
    }

    private void dispatch() {
        while (true) {
            Pending next;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                Iterator<Pending> it = queue.values().iterator();
                next = it.next();
                it.remove();
            }
            deliver(next);
        }
    }

    private void deliver(Pending p) {
        for (ExecutionListener l : listeners) {
            try {
                l.onEvent(p.event());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an execution listener failed on " + p.event() + ": " + e);
            }
        }
        if (p.afterDelivery() != null) {
            p.afterDelivery().run();
        }
    }
}
