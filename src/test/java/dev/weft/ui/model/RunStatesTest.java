package dev.weft.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.gson.JsonParser;
import dev.weft.exec.ExecutionEvent;
import dev.weft.nodes.PreviewFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatesTest {
    @Test
    void nodesGoFromQueuedThroughRunningToDoneCachedOrBackToIdle() {
        RunStates s = new RunStates();
        s.submitted("r", "Run", List.of(3, 4, 8, 9));
        assertEquals(NodeStatus.QUEUED, s.node(8).status());
        PreviewFrame f = new PreviewFrame(2, 1, new byte[6]);
        s.applyAll(List.of(new ExecutionEvent.Started("r"), new ExecutionEvent.Cached("r", List.of("4")),
                new ExecutionEvent.NodeStarted("r", "3"), new ExecutionEvent.Progress("r", "3", 5, 20),
                new ExecutionEvent.Preview("r", "3", f)));
        assertEquals(NodeStatus.CACHED, s.node(4).status());
        assertEquals(NodeStatus.RUNNING, s.node(3).status());
        assertEquals(0.25, s.node(3).fraction());
        assertSame(f, s.preview(3).orElseThrow());
        RunInfo r = s.run("r").orElseThrow();
        assertEquals(RunStatus.RUNNING, r.status());
        assertEquals((1 + 0.25) / 4, r.progress(), 1e-12);

        s.applyAll(List.of(new ExecutionEvent.Executed("r", "3", new com.google.gson.JsonObject()),
                new ExecutionEvent.Executed("r", "9", JsonParser.parseString(
                        "{\"images\":[{\"filename\":\"ComfyUI_00001_.png\",\"subfolder\":\"\",\"type\":\"output\"}]}")
                        .getAsJsonObject()),
                new ExecutionEvent.Finished("r", ExecutionEvent.Outcome.INTERRUPTED, Duration.ofSeconds(2))));
        assertEquals(NodeStatus.DONE, s.node(3).status());
        assertEquals(NodeStatus.IDLE, s.node(8).status(), "never reached before the interrupt");
        assertEquals(List.of(new OutputImage("ComfyUI_00001_.png", "", "output")), s.images(9));
        assertEquals(RunStatus.INTERRUPTED, s.run("r").orElseThrow().status());
    }

    @Test
    void anErrorLandsOnItsNodeAndInTheLog() {
        RunStates s = new RunStates();
        s.submitted("r", "Run", List.of(3));
        s.applyAll(List.of(new ExecutionEvent.NodeError("r", "3", "RuntimeError", "KSampler 3: cfg is NaN; set a number")));
        assertEquals(NodeStatus.ERROR, s.node(3).status());
        assertEquals("KSampler 3: cfg is NaN; set a number", s.node(3).message());
        assertEquals(LogEntry.Level.ERROR, s.log().get(0).level());
        assertEquals(3, s.log().get(0).nodeId());
    }

    @Test
    void aNodeWarningGoesToTheLogOnItsNodeWithoutChangingItsStatus() {
        RunStates s = new RunStates();
        s.submitted("r", "Run", List.of(10));
        s.applyAll(List.of(new ExecutionEvent.NodeStarted("r", "10:1"),
                new ExecutionEvent.NodeWarning("r", "10:1", "a.safetensors: 3 keys match no layer of this model")));
        assertEquals(NodeStatus.RUNNING, s.node(10).status());
        assertEquals(LogEntry.Level.WARNING, s.log().get(0).level());
        assertEquals(10, s.log().get(0).nodeId());
        assertEquals("a.safetensors: 3 keys match no layer of this model", s.log().get(0).text());
    }

    @Test
    void expandedPromptIdsBelongToTheirNode() {
        assertEquals(12, RunStates.nodeId("12:0").orElseThrow());
        assertEquals(java.util.Optional.empty(), RunStates.nodeId("abc"));
    }
}
