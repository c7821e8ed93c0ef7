package dev.weft.nodes.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** samples/controlnet.json on tiny random weights: LoadImage → Canny → ControlNet → KSampler. */
class ControlNetEndToEndTest {
    @TempDir
    Path tmp;

    private static NodeRegistry registry(EngineServices services) {
        return BuiltinNodes.bind(NodeRegistry.load(Optional.empty()), services);
    }

    @Test
    void weftRunOnTheControlNetSampleWritesTheControlledImage() throws Exception {
        TinyModels.create(tmp);
        try (EngineServices services = EngineServices.withVocabulary(TinyModels.vocabulary())) {
            CliContext cli = new CliContext(() -> registry(services), Map.of(), tmp);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"run", Path.of("samples/controlnet.json").toAbsolutePath().toString(),
                "--models", "models", "--output", "out", "--set", "5.width=96", "--set", "5.height=64",
                "--set", "3.steps=3"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), cli);
            String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, printed);
            assertTrue(printed.contains("step 3/3"), printed);
            BufferedImage image = ImageIO.read(tmp.resolve("out/controlnet_00001_.png").toFile());
            assertEquals(96, image.getWidth());
            assertEquals(64, image.getHeight());
        }
    }

    @Test
    void changingTheStrengthReRunsFromTheApplyNodeAndChangesTheImage() throws Exception {
        ModelFolders folders = TinyModels.create(tmp);
        try (EngineServices services = EngineServices.withVocabulary(TinyModels.vocabulary());
             Executor executor = new Executor(registry(services),
                     new ExecutorConfig(folders, tmp.resolve("out"), tmp.resolve("temp")))) {
            List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
            executor.addListener(events::add);
            ApiPrompt prompt = Samples.small(Samples.prompt("controlnet.json", registry(services)), 2);

            run(executor, events, prompt);
            assertCannyPreviewIsAWhiteOnBlackEdgeMap(tmp.resolve("temp"));
            List<String> again = run(executor, events, Prompts.with(prompt, "13", "strength", new JsonPrimitive(0.0)));
            assertEquals(List.of("13", "3", "8", "9"), again.stream().sorted().toList());
            assertEquals(2, services.models().loads(), "the checkpoint and the ControlNet, once each");

            BufferedImage controlled = ImageIO.read(tmp.resolve("out/controlnet_00001_.png").toFile());
            BufferedImage free = ImageIO.read(tmp.resolve("out/controlnet_00002_.png").toFile());
            assertFalse(samePixels(controlled, free), "strength 0 turns the ControlNet off and changes the image");
        }
    }

    @Test
    void aT2iAdapterGivenAsTheControlNetFailsOnTheLoaderNamingIt() throws Exception {
        ModelFolders folders = TinyModels.create(tmp);
        Path adapter = tmp.resolve("models/controlnet").resolve(TinyModels.CONTROLNET);
        dev.weft.engine.tensor.SafetensorsWriter.write(adapter, List.of(
                dev.weft.engine.tensor.SafetensorsWriter.Entry.zeros("conv_in.weight", dev.weft.engine.tensor.DType.F32,
                        new long[] {8, 192, 3, 3}),
                dev.weft.engine.tensor.SafetensorsWriter.Entry.zeros("body.0.block1.weight",
                        dev.weft.engine.tensor.DType.F32, new long[] {8, 8, 3, 3})), Map.of());
        try (EngineServices services = EngineServices.withVocabulary(TinyModels.vocabulary());
             Executor executor = new Executor(registry(services),
                     new ExecutorConfig(folders, tmp.resolve("out"), tmp.resolve("temp")))) {
            List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
            executor.addListener(events::add);
            ApiPrompt prompt = Prompts.with(Samples.prompt("controlnet.json", registry(services)), "3", "steps",
                    new JsonPrimitive(1));
            RunHandle h = executor.submit(new RunRequest(prompt, new JsonObject(), Set.of()));
            assertEquals(ExecutionEvent.Outcome.ERROR, h.done().get(120, TimeUnit.SECONDS));
            ExecutionEvent.NodeError error = events.stream().filter(e -> e instanceof ExecutionEvent.NodeError)
                    .map(e -> (ExecutionEvent.NodeError) e).findFirst().orElseThrow();
            assertEquals("12", error.nodeId());
            assertTrue(error.message().contains("T2I-Adapter"), error.message());
        }
    }

    /** Runs {@code prompt} to success and returns the ids of the nodes that ran (not served from the cache). */
    private static List<String> run(Executor executor, List<ExecutionEvent> events, ApiPrompt prompt)
            throws Exception {
        RunHandle h = executor.submit(new RunRequest(prompt, new JsonObject(), Set.of()));
        ExecutionEvent.Outcome outcome = h.done().get(120, TimeUnit.SECONDS);
        List<String> errors = events.stream().filter(e -> e.runId().equals(h.runId()))
                .filter(e -> e instanceof ExecutionEvent.NodeError)
                .map(e -> ((ExecutionEvent.NodeError) e).nodeId() + ": " + ((ExecutionEvent.NodeError) e).message())
                .toList();
        assertEquals(ExecutionEvent.Outcome.SUCCESS, outcome, errors.toString());
        return events.stream().filter(e -> e.runId().equals(h.runId()) && e instanceof ExecutionEvent.NodeStarted)
                .map(e -> ((ExecutionEvent.NodeStarted) e).nodeId()).toList();
    }

    /** The PreviewImage of the Canny node: gray levels 0 and 255 only, some of each. */
    private static void assertCannyPreviewIsAWhiteOnBlackEdgeMap(Path temp) throws Exception {
        List<Path> pngs;
        try (var files = Files.list(temp)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertEquals(1, pngs.size(), pngs.toString());
        BufferedImage edges = ImageIO.read(pngs.get(0).toFile());
        assertEquals(96, edges.getWidth(), "the example image's own size");
        int white = 0;
        int black = 0;
        for (int y = 0; y < edges.getHeight(); y++) {
            for (int x = 0; x < edges.getWidth(); x++) {
                int rgb = edges.getRGB(x, y) & 0xffffff;
                assertTrue(rgb == 0 || rgb == 0xffffff, "pixel " + x + "," + y + " is " + Integer.toHexString(rgb));
                white += rgb == 0 ? 0 : 1;
                black += rgb == 0 ? 1 : 0;
            }
        }
        assertTrue(white > 20 && black > white, white + " edge pixels, " + black + " others");
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
