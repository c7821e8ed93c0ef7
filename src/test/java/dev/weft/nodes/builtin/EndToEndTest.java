package dev.weft.nodes.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.weft.cli.CliContext;
import dev.weft.cli.Main;
import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.Executor;
import dev.weft.exec.ExecutorConfig;
import dev.weft.exec.Prompts;
import dev.weft.exec.RunHandle;
import dev.weft.exec.RunRequest;
import dev.weft.exec.Samples;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.PngMetadata;
import dev.weft.workflow.WorkflowFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine runs the sample workflows on tiny random SD 1.x weights. */
class EndToEndTest {
    @TempDir
    Path tmp;

    private static NodeRegistry registry(EngineServices services) {
        return BuiltinNodes.bind(NodeRegistry.load(Optional.empty()), services);
    }

    @Test
    void weftRunOnTheTxt2imgSampleWritesAPngWhoseEmbeddedWorkflowLoadsBack() throws Exception {
        TinyModels.create(tmp);
        EngineServices services = EngineServices.withVocabulary(TinyModels.vocabulary());
        CliContext cli = new CliContext(() -> registry(services), Map.of(), tmp);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", Path.of("samples/txt2img.json").toAbsolutePath().toString(),
            "--models", "models", "--output", "out", "--set", "5.width=128", "--set", "5.height=96",
            "--set", "3.steps=4"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cli);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("step 4/4"), printed);
        Path png = tmp.resolve("out/txt2img_00001_.png");
        assertTrue(Files.exists(png), printed);
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(128, image.getWidth());
        assertEquals(96, image.getHeight());
        assertTrue(PngMetadata.readText(png).containsKey("workflow"));
        WorkflowFile.Loaded back = WorkflowFile.load(png, registry(services));
        assertEquals(8, back.graph().nodes().size());
        services.close();
    }

    @Test
    void changingOnlyCfgReRunsKSamplerVaeDecodeAndSaveImageAndReloadsNothing() throws Exception {
        ModelFolders folders = TinyModels.create(tmp);
        try (EngineServices services = EngineServices.withVocabulary(TinyModels.vocabulary());
             Executor executor = new Executor(registry(services),
                     new ExecutorConfig(folders, tmp.resolve("out"), tmp.resolve("temp")))) {
            List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
            executor.addListener(events::add);
            ApiPrompt prompt = Samples.small(Samples.prompt("txt2img.json", registry(services)), 3);

            List<String> first = executed(executor, events, prompt);
            assertEquals(List.of("10", "3", "4", "5", "6", "7", "8", "9"), first.stream().sorted().toList());

            List<String> second = executed(executor, events, Prompts.with(prompt, "3", "cfg", new JsonPrimitive(4.5)));
            assertEquals(List.of("3", "8", "9"), second.stream().sorted().toList());
            assertEquals(1, services.models().loads());
            assertTrue(Files.exists(tmp.resolve("out/txt2img_00002_.png")));
        }
    }

    /** Runs {@code prompt} and returns the ids of the nodes that executed (not cached). */
    private static List<String> executed(Executor executor, List<ExecutionEvent> events, ApiPrompt prompt)
            throws Exception {
        RunHandle h = executor.submit(new RunRequest(prompt, new JsonObject(), java.util.Set.of()));
        ExecutionEvent.Outcome outcome = h.done().get(120, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.stream().noneMatch(e -> e.runId().equals(h.runId()) && e instanceof ExecutionEvent.Finished)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> errors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ExecutionEvent e : events) {
            if (!e.runId().equals(h.runId())) {
                continue;
            }
            if (e instanceof ExecutionEvent.Executed x) {
                ids.add(x.nodeId());
            } else if (e instanceof ExecutionEvent.NodeError x) {
                errors.add(x.nodeId() + ": " + x.message());
            }
        }
        assertEquals(ExecutionEvent.Outcome.SUCCESS, outcome, errors.toString());
        return ids;
    }
}
