package dev.weft.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DebouncerTest {
    @Test
    void runsOnceAfterTheLastTriggerWhenThingsGoQuiet() {
        ManualScheduler s = new ManualScheduler();
        AtomicInteger runs = new AtomicInteger();
        Debouncer d = new Debouncer(Duration.ofMillis(150), s, runs::incrementAndGet);
        d.trigger();
        s.advance(Duration.ofMillis(100));
        d.trigger();
        s.advance(Duration.ofMillis(100));
        assertEquals(0, runs.get());
        s.advance(Duration.ofMillis(50));
        assertEquals(1, runs.get());
        s.advance(Duration.ofSeconds(1));
        assertEquals(1, runs.get());
        d.trigger();
        d.cancel();
        s.advance(Duration.ofSeconds(1));
        assertEquals(1, runs.get());
    }
}
