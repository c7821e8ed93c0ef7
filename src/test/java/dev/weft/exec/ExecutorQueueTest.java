package dev.weft.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.weft.workflow.ApiPrompt;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue, cancel and interrupt, and event delivery. Runs are held at a sampler step with a gate,
 * so every test is deterministic without sleeping.
 */
class ExecutorQueueTest extends ExecutorFixture {
    private ApiPrompt withCfg(double cfg) {
        return Prompts.with(txt2img, "3", "cfg", new JsonPrimitive(cfg));
    }

    @Test
    void runsWaitInTheQueueAndStartInSubmissionOrder() throws Exception {
        FakeNodes.Gate gate = fakes.gate("KSampler");
        RunHandle a = submit(withCfg(5));
        gate.awaitHeld();
        RunHandle b = submit(withCfg(6));
        RunHandle c = submit(withCfg(7));

        assertEquals(List.of(b.runId(), c.runId()), executor.queuedRunIds());
        gate.release();
        for (RunHandle h : List.of(a, b, c)) {
            assertEquals(ExecutionEvent.Outcome.SUCCESS, outcome(h));
        }

        List<String> started = log.all().stream().filter(e -> e instanceof ExecutionEvent.Started)
                .map(ExecutionEvent::runId).toList();
        assertEquals(List.of(a.runId(), b.runId(), c.runId()), started);
        assertEquals(0, log.of(a.runId(), ExecutionEvent.Queued.class).get(0).position());
        assertEquals(0, log.of(b.runId(), ExecutionEvent.Queued.class).get(0).position());
        assertEquals(1, log.of(c.runId(), ExecutionEvent.Queued.class).get(0).position());
        assertEquals(List.of(), executor.queuedRunIds());
    }

    @Test
    void cancelDropsAQueuedRunAndInterruptsTheRunningOne() throws Exception {
        FakeNodes.Gate gate = fakes.gate("KSampler");
        RunHandle running = submit(withCfg(5));
        gate.awaitHeld();
        RunHandle queued = submit(withCfg(6));

        assertTrue(executor.cancel(queued.runId()));
        assertEquals(ExecutionEvent.Outcome.CANCELLED, outcome(queued));
        assertEquals(List.of(ExecutionEvent.Queued.class, ExecutionEvent.Finished.class),
                log.of(queued.runId()).stream().map(Object::getClass).toList());

        assertTrue(executor.cancel(running.runId()));
        gate.release();
        assertEquals(ExecutionEvent.Outcome.INTERRUPTED, outcome(running));
        assertFalse(fakes.order().contains("8"), "nothing after the sampler ran");
        assertFalse(executor.cancel(running.runId()), "a finished run cannot be cancelled");
        assertFalse(executor.cancel("no-such-run"));
    }

    @Test
    void interruptStopsAtTheNextSamplerStepAndTheNextRunReusesWhatWasDone() throws Exception {
        FakeNodes.Gate gate = fakes.gate("KSampler");
        RunHandle first = submit(txt2img);
        gate.awaitHeld();

        executor.interrupt();
        gate.release();

        assertEquals(ExecutionEvent.Outcome.INTERRUPTED, outcome(first));
        List<ExecutionEvent.Progress> progress = log.of(first.runId(), ExecutionEvent.Progress.class);
        assertEquals(1, progress.get(progress.size() - 1).value(), "stopped after step 1 of 20");
        assertTrue(log.of(first.runId(), ExecutionEvent.Executed.class).stream().noneMatch(e -> e.nodeId().equals("3")));
        fakes.resetCounts();

        assertEquals(ExecutionEvent.Outcome.SUCCESS, outcome(submit(txt2img)));
        assertEquals(List.of("3", "8", "9"), fakes.order());
    }

    @Test
    void interruptWithNothingRunningDoesNotAffectTheNextRun() throws Exception {
        executor.interrupt();
        assertEquals(ExecutionEvent.Outcome.SUCCESS, outcome(submit(txt2img)));
    }

    @Test
    void nodesRunOnTheEngineThreadAndListenersOnTheDispatcherThread() throws Exception {
        outcome(submit(txt2img));
        outcome(submit(withCfg(3)));

        assertEquals(Set.of("weft-engine"), fakes.threads());
        assertEquals(Set.of("weft-events"), log.threads());
    }

    @Test
    void aRunsEventsComeInContractOrder() throws Exception {
        RunHandle h = submit(txt2img);
        outcome(h);

        List<ExecutionEvent> events = log.of(h.runId());
        assertTrue(events.get(0) instanceof ExecutionEvent.Queued);
        assertTrue(events.get(1) instanceof ExecutionEvent.Started);
        assertTrue(events.get(2) instanceof ExecutionEvent.Cached c && c.nodeIds().isEmpty());
        assertTrue(events.get(events.size() - 1) instanceof ExecutionEvent.Finished f
                && f.outcome() == ExecutionEvent.Outcome.SUCCESS);
        List<String> startedNodes = events.stream().filter(e -> e instanceof ExecutionEvent.NodeStarted)
                .map(e -> ((ExecutionEvent.NodeStarted) e).nodeId()).toList();
        assertEquals(List.of("4", "5", "7", "6", "10", "3", "8", "9"), startedNodes);
        for (String node : startedNodes) {
            int started = indexOf(events, ExecutionEvent.NodeStarted.class, node);
            int executed = indexOf(events, ExecutionEvent.Executed.class, node);
            assertTrue(started < executed, "node " + node);
        }
    }

    private static int indexOf(List<ExecutionEvent> events, Class<?> type, String node) {
        for (int i = 0; i < events.size(); i++) {
            ExecutionEvent e = events.get(i);
            if (type.isInstance(e) && (e instanceof ExecutionEvent.NodeStarted s && s.nodeId().equals(node)
                    || e instanceof ExecutionEvent.Executed x && x.nodeId().equals(node))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " for node " + node);
    }

    @Test
    void aSlowListenerNeverHoldsUpTheEngineAndGetsOnlyTheLatestPreviewAndProgress() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EventLog slow = new EventLog();
        executor.addListener(e -> {
            try {
                release.await(WAIT, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            slow.onEvent(e);
        });
        CountDownLatch lastStep = fakes.lastStepSent("KSampler");

        RunHandle h = submit(txt2img);
        // The engine sends all 20 steps while the listener is stuck on the run's first event.
        assertTrue(lastStep.await(WAIT, TimeUnit.SECONDS));
        release.countDown();
        outcome(h);

        List<ExecutionEvent.Preview> previews = slow.of(h.runId(), ExecutionEvent.Preview.class);
        assertEquals(1, previews.size());
        assertEquals(20, previews.get(0).frame().rgb()[0]);
        List<ExecutionEvent.Progress> progress = slow.of(h.runId(), ExecutionEvent.Progress.class);
        assertEquals(1, progress.size());
        assertEquals(20, progress.get(0).value());
        assertEquals(20, progress.get(0).max());
        assertEquals(8, slow.of(h.runId(), ExecutionEvent.NodeStarted.class).size(), "other events are never dropped");
    }

    @Test
    void closeCancelsQueuedRunsAndInterruptsTheRunningOne() throws Exception {
        FakeNodes.Gate gate = fakes.gate("KSampler");
        RunHandle running = submit(withCfg(5));
        gate.awaitHeld();
        RunHandle queued = submit(withCfg(6));

        Thread releaser = new Thread(() -> {
            try {
                // close() waits for the engine; the held node must be let go for it to stop.
                while (!running.done().isDone() && executor.queuedRunIds().contains(queued.runId())) {
                    Thread.onSpinWait();
                }
            } finally {
                gate.release();
            }
        });
        releaser.start();
        executor.close();
        releaser.join();

        assertEquals(ExecutionEvent.Outcome.CANCELLED, outcome(queued));
        assertEquals(ExecutionEvent.Outcome.INTERRUPTED, outcome(running));
        assertTrue(fakes.resources().stream().allMatch(FakeNodes.Resource::closed), "the cache was freed");
    }
}
