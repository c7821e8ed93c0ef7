package dev.weft.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the editor. Does not extend {@code Application}, so it works from a shaded jar:
 * {@code weft} with no arguments calls {@link #launch(Optional)}, which blocks until the window
 * closes.
 */
public final class EditorLauncher {
    private EditorLauncher() {
    }

    /** {@code java -cp weft.jar dev.weft.ui.EditorLauncher [WORKFLOW]}: the editor on its own. */
    public static void main(String[] args) {
        System.exit(launch(args.length > 0 ? Optional.of(Path.of(args[0])) : Optional.empty()));
    }

    /** Opens the editor with the default settings folder (~/.weft) and waits until it is closed. */
    public static int launch(Optional<Path> workflow) {
        return launch(workflow, LaunchOptions.defaults());
    }

    /**
     * Opens the editor (with {@code workflow} loaded, if given) and waits until its window is
     * closed.
     *
     * @return 0, or 1 when the window could not be opened (the reason is printed)
     */
    public static int launch(Optional<Path> workflow, LaunchOptions options) {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable show = () -> {
            try {
                Stage stage = new Stage();
                stage.setOnHidden(e -> closed.countDown());
                open(stage, workflow, options);
            } catch (RuntimeException | Error e) {
                failure.set(e);
                closed.countDown();
            }
        };
        Platform.setImplicitExit(false);
        try {
            Platform.startup(show);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(show);
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Platform.exit();
        if (failure.get() != null) {
            System.err.println("weft: the editor could not start: " + failure.get());
            return 1;
        }
        return 0;
    }

    /** Builds the editor in {@code stage}, shows it and opens the workflow (FX thread; for tests too). */
    public static EditorWindow open(Stage stage, Optional<Path> workflow, LaunchOptions options) {
        EditorWindow w = new EditorWindow(stage, options);
        stage.show();
        w.canvas().requestFocus();
        w.start(workflow);
        return w;
    }
}
