package dev.weft.ui;

import dev.weft.ui.run.Debouncer;
import java.time.Duration;
import javafx.animation.PauseTransition;

/** The JavaFX thread's timer for {@link Debouncer}: tasks run on the FX thread after the delay. */
public final class FxScheduler implements Debouncer.Scheduler {
    @Override
    public Debouncer.Cancellable schedule(Duration delay, Runnable task) {
        PauseTransition p = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        p.setOnFinished(e -> task.run());
        p.play();
        return p::stop;
    }
}
