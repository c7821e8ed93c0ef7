package dev.weft.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.weft.exec.ExecutionEvent;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Point;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.NodeStatus;
import dev.weft.ui.model.RunProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunControllerTest {
    @TempDir
    Path dir;
    EditorModel model;
    FakeRunService engine;
    ManualScheduler clock;
    RunController runs;

    @BeforeEach
    void setUp() {
        model = UiFixtures.model(dir);
        engine = new FakeRunService();
        clock = new ManualScheduler();
        runs = new RunController(model, engine, clock, () -> 0.25);
    }

    private static com.google.gson.JsonElement input(dev.weft.workflow.ApiPrompt p, String name) {
        return p.toJson().getAsJsonObject("3").getAsJsonObject("inputs").get(name);
    }

    private long seed() {
        return model.graph().requireNode(3).widgetValue(0).orElseThrow().getAsLong();
    }

    @Test
    void runQueuesThePromptThenRandomizesTheSeedAsOneUndoableStep() {
        long before = seed();
        String id = runs.queue().orElseThrow();
        assertEquals("run-1", id);
        var prompt = engine.submitted.get(0).prompt();
        assertEquals(before, input(prompt, "seed").getAsLong());
        assertNotEquals(before, seed(), "control_after_generate=randomize moves the seed after queueing");
        assertEquals(NodeStatus.QUEUED, model.runs().node(3).status());
        assertTrue(engine.submitted.get(0).workflow().has("nodes"), "the workflow travels for the PNG metadata");
        model.undo();
        assertEquals(before, seed());
    }

    @Test
    void aRefusedRunPutsEachProblemOnItsNodeAndInTheLog() {
        engine.refuseWith = List.of(new RunProblem(4, "ckpt_name", "File 'x.safetensors' is not in models/checkpoints.",
                "Choose one from the list."));
        assertTrue(runs.queue().isEmpty());
        assertEquals(NodeStatus.ERROR, model.runs().node(4).status());
        assertTrue(model.runs().node(4).message().contains("Choose one"));
        assertTrue(model.runs().log().get(0).text().contains("x.safetensors"));
    }

    @Test
    void runOnChangeQueuesOnceAfterADebounceOfEditsAndCancelsTheStaleRun() {
        runs.setRunOnChange(true);
        clock.advance(Duration.ofMillis(200));
        assertEquals(1, engine.submitted.size(), "turning it on runs the current state");
        model.runs().applyAll(List.of(new ExecutionEvent.Started("run-1")));

        model.perform(new GraphEdit.SetWidgetValue(3, 3, new JsonPrimitive(6.0)));
        clock.advance(Duration.ofMillis(100));
        model.perform(new GraphEdit.SetWidgetValue(3, 3, new JsonPrimitive(5.5)));
        clock.advance(Duration.ofMillis(100));
        assertEquals(1, engine.submitted.size(), "still within the debounce");
        clock.advance(Duration.ofMillis(60));
        assertEquals(2, engine.submitted.size());
        assertEquals(List.of("run-1"), engine.cancelled, "the running run was made stale by the change");
        assertEquals(5.5, input(engine.submitted.get(1).prompt(), "cfg").getAsDouble());
        assertEquals(seed(), input(engine.submitted.get(1).prompt(), "seed").getAsLong(), "runs on change leave the seed alone");
    }

    @Test
    void editsThatDoNotChangeThePromptDoNotQueue() {
        runs.setRunOnChange(true);
        clock.advance(Duration.ofMillis(200));
        model.perform(new GraphEdit.MoveNodes(Map.of(3, new Point(900, 300))));
        clock.advance(Duration.ofMillis(500));
        assertEquals(1, engine.submitted.size());
        runs.setRunOnChange(false);
        model.perform(new GraphEdit.SetWidgetValue(3, 2, new JsonPrimitive(30)));
        clock.advance(Duration.ofMillis(500));
        assertEquals(1, engine.submitted.size());
    }
}
