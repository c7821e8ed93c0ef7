package dev.weft.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.exec.ExecutionEvent;
import dev.weft.nodes.PreviewFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventCoalescerTest {
    private final List<Runnable> handOvers = new ArrayList<>();
    private final List<List<ExecutionEvent>> batches = new ArrayList<>();
    private final EventCoalescer c = new EventCoalescer(handOvers::add, batches::add);

    private static PreviewFrame frame(int v) {
        return new PreviewFrame(1, 1, new byte[] {(byte) v, 0, 0});
    }

    private void flush() {
        List<Runnable> r = new ArrayList<>(handOvers);
        handOvers.clear();
        r.forEach(Runnable::run);
    }

    @Test
    void aThousandPreviewsCostOneHandOverAndOnlyTheLatestFrameArrives() {
        PreviewFrame last = null;
        for (int i = 0; i < 1000; i++) {
            last = frame(i);
            c.onEvent(new ExecutionEvent.Preview("r", "3", last));
        }
        assertEquals(1, handOvers.size());
        flush();
        assertEquals(1, batches.size());
        assertEquals(1, batches.get(0).size());
        assertSame(last, ((ExecutionEvent.Preview) batches.get(0).get(0)).frame());
    }

    @Test
    void otherEventsKeepTheirOrderAndProgressKeepsOnlyItsLatestValue() {
        c.onEvent(new ExecutionEvent.Started("r"));
        c.onEvent(new ExecutionEvent.NodeStarted("r", "3"));
        c.onEvent(new ExecutionEvent.Progress("r", "3", 1, 20));
        c.onEvent(new ExecutionEvent.Preview("r", "3", frame(1)));
        c.onEvent(new ExecutionEvent.Progress("r", "3", 2, 20));
        c.onEvent(new ExecutionEvent.Preview("r", "5", frame(2)));
        c.onEvent(new ExecutionEvent.Executed("r", "3", new com.google.gson.JsonObject()));
        flush();
        List<String> kinds = batches.get(0).stream().map(e -> e.getClass().getSimpleName()).toList();
        assertEquals(List.of("Started", "NodeStarted", "Preview", "Progress", "Preview", "Executed"), kinds);
        assertEquals(2, ((ExecutionEvent.Progress) batches.get(0).get(3)).value());
    }

    @Test
    void eventsArrivingAfterAHandOverScheduleTheNextOne() {
        c.onEvent(new ExecutionEvent.Started("r"));
        flush();
        c.onEvent(new ExecutionEvent.Finished("r", ExecutionEvent.Outcome.SUCCESS, java.time.Duration.ZERO));
        assertEquals(1, handOvers.size());
        flush();
        assertEquals(2, batches.size());
    }

    @Test
    void manyThreadsDeliverEverythingExactlyOnce() throws Exception {
        List<ExecutionEvent> got = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService ui = java.util.concurrent.Executors.newSingleThreadExecutor();
        EventCoalescer shared = new EventCoalescer(ui, got::addAll);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            String run = "r" + t;
            new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    shared.onEvent(new ExecutionEvent.NodeStarted(run, Integer.toString(i)));
                }
                done.countDown();
            }).start();
        }
        done.await(10, TimeUnit.SECONDS);
        ui.submit(() -> { }).get(10, TimeUnit.SECONDS);
        ui.shutdown();
        ui.awaitTermination(10, TimeUnit.SECONDS);
        assertEquals(2000, got.size());
    }
}
