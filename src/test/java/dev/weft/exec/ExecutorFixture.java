package dev.weft.exec;

import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the executor tests share: an {@link Executor} on the {@link FakeNodes} over a temporary
 * models folder that holds every file the samples name, an {@link EventLog} listening to it, and
 * the txt2img sample as Weft exports it. Closed after each test.
 */
abstract class ExecutorFixture {
    /** How long a test waits for a run to finish, in seconds (only reached when something hangs). */
    static final long WAIT = 30;

    @TempDir
    Path temp;

    FakeNodes fakes;
    Executor executor;
    EventLog log;
    ApiPrompt txt2img;

    @BeforeEach
    void startExecutor() {
        fakes = new FakeNodes();
        executor = newExecutor(fakes.registry());
        txt2img = Samples.prompt("txt2img.json", fakes.registry());
    }

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    /** Replaces the executor by one over {@code registry}, with a fresh log. */
    void restartWith(NodeRegistry registry) {
        executor.close();
        executor = newExecutor(registry);
    }

    RunHandle submit(ApiPrompt prompt) throws ValidationException {
        return executor.submit(RunRequest.of(prompt));
    }

    static ExecutionEvent.Outcome outcome(RunHandle h) throws Exception {
        return h.done().get(WAIT, TimeUnit.SECONDS);
    }

    private Executor newExecutor(NodeRegistry registry) {
        Executor e = new Executor(registry,
                new ExecutorConfig(Samples.folders(temp), temp.resolve("output"), temp.resolve("temp")));
        log = new EventLog();
        e.addListener(log);
        return e;
    }
}
