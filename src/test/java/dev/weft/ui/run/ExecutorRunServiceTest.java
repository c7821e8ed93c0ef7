package dev.weft.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.ExecutorConfig;
import dev.weft.exec.FakeNodes;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.nodes.ModelFolders;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.model.RunProblem;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.UiWorkflowWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter over the real executor, with fake node implementations. */
class ExecutorRunServiceTest {
    @TempDir
    Path dir;

    private ApiPrompt prompt(Graph g) throws Exception {
        return PromptExporter.export(g, UiFixtures.catalog(dir), PromptExporter.Options.forWeft());
    }

    @Test
    void aRunStreamsEventsAndItsSavedImageIsFoundWhereTheEngineWroteIt() throws Exception {
        ModelFolders folders = UiFixtures.folders(dir);
        try (ExecutorRunService s = new ExecutorRunService(new FakeNodes().registry(),
                new ExecutorConfig(folders, dir.resolve("output"), dir.resolve("temp")))) {
            List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
            CountDownLatch finished = new CountDownLatch(1);
            s.addListener(e -> {
                events.add(e);
                if (e instanceof ExecutionEvent.Finished) {
                    finished.countDown();
                }
            });
            Graph g = UiFixtures.txt2img();
            String id = s.submit(prompt(g), UiWorkflowWriter.toJson(g));
            assertTrue(finished.await(30, TimeUnit.SECONDS));
            assertTrue(events.stream().allMatch(e -> e.runId().equals(id)));
            assertEquals(ExecutionEvent.Outcome.SUCCESS, ((ExecutionEvent.Finished) events.get(events.size() - 1)).outcome());
            ExecutionEvent.Executed save = events.stream().filter(e -> e instanceof ExecutionEvent.Executed x
                    && x.nodeId().equals("9")).map(ExecutionEvent.Executed.class::cast).findFirst().orElseThrow();
            OutputImage img = OutputImage.fromUi(save.ui()).get(0);
            Path file = s.locate(img).orElseThrow();
            assertTrue(Files.isRegularFile(file));
            assertTrue(file.startsWith(dir.resolve("output")));
            assertTrue(s.locate(new OutputImage("../../etc/passwd", "", "output")).isEmpty());
        }
    }

    @Test
    void aPromptThatDoesNotValidateIsRefusedWithTheProblemOnItsNode() throws Exception {
        ModelFolders folders = UiFixtures.folders(dir);
        try (ExecutorRunService s = new ExecutorRunService(new FakeNodes().registry(),
                new ExecutorConfig(folders, dir.resolve("output"), dir.resolve("temp")))) {
            Graph g = UiFixtures.txt2img();
            g.apply(new GraphEdit.SetWidgetValue(4, 0, new JsonPrimitive("missing.safetensors")));
            RunRejectedException e = assertThrows(RunRejectedException.class,
                    () -> s.submit(prompt(g), UiWorkflowWriter.toJson(g)));
            RunProblem p = e.problems().get(0);
            assertEquals(4, p.nodeId());
            assertEquals("ckpt_name", p.input());
            assertTrue(p.text().contains("missing.safetensors"), p.text());
        }
    }
}
