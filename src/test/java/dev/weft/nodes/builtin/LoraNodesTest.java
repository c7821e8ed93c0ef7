package dev.weft.nodes.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.weft.cli.CliContext;
import dev.weft.cli.Main;
import dev.weft.engine.lora.LoraPatcher;
import dev.weft.engine.lora.SyntheticLora;
import dev.weft.engine.models.Checkpoint;
import dev.weft.engine.models.CheckpointLoader;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.SafetensorsWriter;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.ParameterShapes;
import dev.weft.engine.unet.UNetConfig;
import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.Executor;
import dev.weft.exec.ExecutorConfig;
import dev.weft.exec.Prompts;
import dev.weft.exec.RunHandle;
import dev.weft.exec.RunRequest;
import dev.weft.exec.Samples;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiInput;
import dev.weft.workflow.ApiNode;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.WorkflowFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoraLoader, LoraLoaderModelOnly and LoraStack on the real engine with tiny random weights: the
 * lora-stack sample end to end, re-use across edits of the stack, equivalence with the LoraLoader
 * chain ComfyUI receives, and what is reported or refused.
 */
class LoraNodesTest {
    /** Node ids of samples/lora-stack.json. */
    private static final String SAMPLER = "3";
    private static final String CHECKPOINT = "4";
    private static final String POSITIVE = "6";
    private static final String NEGATIVE = "7";
    private static final String STACK = "10";

    @TempDir
    Path tmp;

    @Test
    void weftRunOnTheLoraStackSampleSavesAnImageWithoutWarnings() throws Exception {
        TinyModels.create(tmp);
        TinyModels.createLoras(tmp);
        EngineServices services = EngineServices.withVocabulary(TinyModels.vocabulary());
        CliContext cli = new CliContext(() -> registry(services), Map.of(), tmp);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", Path.of("samples/lora-stack.json").toAbsolutePath().toString(),
            "--models", "models", "--output", "out", "--set", "5.width=64", "--set", "5.height=64",
            "--set", "3.steps=2"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cli);
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertFalse(printed.contains("warning"), printed);
        BufferedImage image = ImageIO.read(tmp.resolve("out/lora_stack_00001_.png").toFile());
        assertEquals(64, image.getWidth());
        services.close();
    }

    @Test
    void changingOneStrengthReusesTheCheckpointTheLorasAndEncodingsThatDoNotDependOnItAndRepatchesOnlyItsKeys()
            throws Exception {
        try (Setup s = new Setup(tmp)) {
            ApiPrompt p = s.prompt(List.of(row(TinyModels.WATERCOLOR, 0.8, 0.8), row(TinyModels.ADD_DETAIL, 0.5, 0.3)));
            Run first = s.run(p);
            assertEquals(List.of("10", "3", "4", "5", "6", "7", "8", "9"), first.executedSorted());
            LoraPatcher.Stats before = s.services.loras().stats();
            int unetPatched = s.stackUnetLayers();
            int clipPatched = s.stackClipLayers();

            Run second = s.run(s.prompt(List.of(row(TinyModels.WATERCOLOR, 0.8, 0.8),
                    row(TinyModels.ADD_DETAIL, 0.25, 0.3))));
            // the checkpoint, the latent and the negative prompt (encoded with the checkpoint's CLIP) come from the cache
            assertEquals(List.of("10", "3", "6", "8", "9"), second.executedSorted());
            assertEquals(3, s.services.models().loads(), "one checkpoint and two LoRA files, each loaded once");
            LoraPatcher.Stats after = s.services.loras().stats();
            int addDetailKeys = s.unetLayers(TinyModels.ADD_DETAIL);
            assertEquals(addDetailKeys, after.computedKeys() - before.computedKeys(),
                    "only the weights add_detail touches are patched again");
            assertEquals(unetPatched - addDetailKeys + clipPatched, after.reusedKeys() - before.reusedKeys());
            assertEquals(List.of(), second.warnings());
        }
    }

    @Test
    void removingARowRepatchesOnlyTheKeysItSharedAndDisablingAllGivesBackTheBaseBitForBit() throws Exception {
        try (Setup s = new Setup(tmp)) {
            List<JsonObject> none = List.of(disabled(row(TinyModels.WATERCOLOR, 0.8, 0.8)),
                    disabled(row(TinyModels.ADD_DETAIL, 0.5, 0.3)));
            Run plain = s.run(s.prompt(none));
            Map<String, float[]> base = s.baseSnapshot();

            Run patched = s.run(s.prompt(List.of(row(TinyModels.WATERCOLOR, 0.8, 0.8),
                    row(TinyModels.ADD_DETAIL, 0.5, 0.3))));
            assertFalse(java.util.Arrays.equals(plain.pixels(), patched.pixels()), "the LoRAs change the image");
            long computed = s.services.loras().stats().computedKeys();
            s.run(s.prompt(List.of(row(TinyModels.WATERCOLOR, 0.8, 0.8),
                    disabled(row(TinyModels.ADD_DETAIL, 0.5, 0.3)))));
            int shared = SyntheticLora.unetLayers(Setup.UNET, s.unetShapes(),
                    d -> d.startsWith("up_blocks") && SyntheticLora.ATTENTION.test(d)).size();
            assertTrue(shared > 0);
            assertEquals(shared, s.services.loras().stats().computedKeys() - computed,
                    "keys add_detail shared with watercolor are patched again; its own keys go back to the base");

            Run again = s.run(s.prompt(none));
            assertEquals(base.keySet(), s.baseSnapshot().keySet());
            s.baseSnapshot().forEach((k, v) -> assertArrayEquals(base.get(k), v, k));
            assertArrayEquals(plain.pixels(), again.pixels(), "no LoRA gives the same image as before any LoRA");
        }
    }

    @Test
    void theLoraLoaderChainComfyUiReceivesGivesTheSameImageAsTheStack() throws Exception {
        try (Setup s = new Setup(tmp)) {
            WorkflowFile.Loaded loaded = WorkflowFile.load(Samples.path("lora-stack.json"), s.registry);
            ApiPrompt expanded = PromptExporter.export(loaded.graph(), s.registry,
                    new PromptExporter.Options(true, () -> 0.5));
            assertEquals("LoraLoader", expanded.nodes().get("10:1").classType());
            expanded = Samples.small(expanded, 2);
            Run chain = s.run(expanded);
            Run stack = s.run(Samples.small(Samples.prompt("lora-stack.json", s.registry), 2));
            assertArrayEquals(chain.pixels(), stack.pixels());
            assertEquals(List.of(), chain.warnings());
        }
    }

    @Test
    void aModelOnlyStackMatchesItsLoraLoaderModelOnlyChain() throws Exception {
        try (Setup s = new Setup(tmp)) {
            ApiPrompt stack = s.prompt(List.of(row(TinyModels.WATERCOLOR, 0.8, 0.8), row(TinyModels.ADD_DETAIL, 0.5, 0.3)));
            stack = Prompts.without(stack, STACK, "clip");
            stack = Prompts.with(stack, POSITIVE, "clip", link(CHECKPOINT, 1));
            Map<String, ApiNode> nodes = new LinkedHashMap<>(stack.nodes());
            nodes.remove(STACK);
            nodes.put("10:0", modelOnly(link(CHECKPOINT, 0), TinyModels.WATERCOLOR, 0.8));
            nodes.put("10:1", modelOnly(link("10:0", 0), TinyModels.ADD_DETAIL, 0.5));
            ApiPrompt chain = Prompts.with(new ApiPrompt(nodes), SAMPLER, "model", link("10:1", 0));
            assertArrayEquals(s.run(stack).pixels(), s.run(chain).pixels());
        }
    }

    @Test
    void keysOfALoraThatMatchNoLayerAreReportedAsAWarningOnTheNode() throws Exception {
        try (Setup s = new Setup(tmp)) {
            TinyModels.writeLora(tmp, "odd.safetensors", d -> d.endsWith("attn1.to_q.weight"), k -> false, 5);
            Path odd = tmp.resolve("models/loras/odd.safetensors");
            // a second copy of the layers under names no SD 1.x model has
            Path extra = TinyModels.writeLora(tmp, "extra.safetensors", d -> d.endsWith("attn1.to_q.weight"), k -> false, 6);
            mergeRenamed(odd, extra, "lora_unet_", "lora_unet_joint_blocks_");
            Run run = s.run(s.prompt(List.of(row("odd.safetensors", 1.0, 1.0))));
            int renamed = 3 * SyntheticLora.unetLayers(Setup.UNET, s.unetShapes(), d -> d.endsWith("attn1.to_q.weight")).size();
            assertEquals(1, run.warnings().size(), run.warnings().toString());
            assertTrue(run.warnings().get(0).startsWith("10: row 0: odd.safetensors: " + renamed + " keys match no layer"
                    + " of this model"
                    + " and were ignored (e.g. lora_unet_joint_blocks_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q"
                    + ".alpha"), run.warnings().get(0));
        }
    }

    @Test
    void aCheckpointGivenAsALoraFailsItsRowSayingWhatTheFileIs() throws Exception {
        try (Setup s = new Setup(tmp)) {
            Files.copy(tmp.resolve("models/checkpoints").resolve(TinyModels.CHECKPOINT),
                    tmp.resolve("models/loras/model.safetensors"));
            Run run = s.runExpectingError(s.prompt(List.of(row(TinyModels.WATERCOLOR, 1, 1),
                    row("model.safetensors", 1, 1))));
            assertTrue(run.errors().get(0).contains(", input loras[1].name: model.safetensors is a Stable Diffusion 1.x"
                    + " checkpoint, not a LoRA: put it in models/checkpoints and load it with Load Checkpoint"),
                    run.errors().toString());
        }
    }

    // ---- helpers

    private static NodeRegistry registry(EngineServices services) {
        return BuiltinNodes.bind(NodeRegistry.load(Optional.empty()), services);
    }

    private static JsonObject row(String name, double model, double clip) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("strength_model", model);
        o.addProperty("strength_clip", clip);
        o.addProperty("enabled", true);
        return o;
    }

    private static JsonObject disabled(JsonObject row) {
        row.addProperty("enabled", false);
        return row;
    }

    private static JsonElement link(String node, int slot) {
        JsonArray a = new JsonArray();
        a.add(node);
        a.add(slot);
        return a;
    }

    private static ApiNode modelOnly(JsonElement model, String lora, double strength) {
        Map<String, ApiInput> in = new LinkedHashMap<>();
        in.put("model", ApiInput.fromJson(model));
        in.put("lora_name", ApiInput.fromJson(new JsonPrimitive(lora)));
        in.put("strength_model", ApiInput.fromJson(new JsonPrimitive(strength)));
        return new ApiNode("LoraLoaderModelOnly", in, null, null);
    }

    /** Writes {@code target} again with {@code extra}'s tensors added under renamed keys. */
    private static void mergeRenamed(Path target, Path extra, String from, String to) throws Exception {
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        for (Path p : List.of(target, extra)) {
            try (var f = SafetensorsFile.open(p)) {
                for (String k : f.names()) {
                    String name = p.equals(extra) ? k.replace(from, to) : k;
                    entries.add(SafetensorsWriter.Entry.ofFloats(name,
                            DType.F32, f.info(k).shape(), f.readFloats(k)));
                }
            }
        }
        Files.delete(extra);
        SafetensorsWriter.write(target, entries, Map.of());
    }

    /** What one run did. */
    private record Run(ExecutionEvent.Outcome outcome, List<String> executed, List<String> warnings,
                       List<String> errors, Path image) {
        List<String> executedSorted() {
            return executed.stream().sorted().toList();
        }

        int[] pixels() throws Exception {
            BufferedImage i = ImageIO.read(image.toFile());
            return i.getRGB(0, 0, i.getWidth(), i.getHeight(), null, 0, i.getWidth());
        }
    }

    /** Tiny models with the sample's LoRAs, services and an executor; the lora-stack sample as a prompt. */
    private static final class Setup implements AutoCloseable {
        static final UNetConfig UNET = SyntheticCheckpoint.tinyUnet(
                SyntheticCheckpoint.tinyClip().hiddenSize());

        final Path root;
        final ModelFolders folders;
        final EngineServices services;
        final NodeRegistry registry;
        final Executor executor;
        final List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
        final Map<String, List<Object>> lastOutputs = new LinkedHashMap<>();

        Setup(Path root) {
            this.root = root;
            folders = TinyModels.create(root);
            TinyModels.createLoras(root);
            services = EngineServices.withVocabulary(TinyModels.vocabulary());
            registry = registry(services);
            executor = new Executor(registry, new ExecutorConfig(folders, root.resolve("out"), root.resolve("temp")));
            executor.addListener(events::add);
        }

        /** The sample, small, with the negative prompt encoded by the checkpoint's own CLIP. */
        ApiPrompt prompt(List<JsonObject> rows) {
            ApiPrompt p = Samples.small(Samples.prompt("lora-stack.json", registry), 2);
            p = Prompts.with(p, NEGATIVE, "clip", link(CHECKPOINT, 1));
            JsonArray a = new JsonArray();
            rows.forEach(a::add);
            JsonObject wrapped = new JsonObject();
            wrapped.add("__value__", a);
            return Prompts.with(p, STACK, "loras", wrapped);
        }

        Run run(ApiPrompt p) throws Exception {
            Run r = submit(p);
            assertEquals(ExecutionEvent.Outcome.SUCCESS, r.outcome(), r.errors().toString());
            return r;
        }

        Run runExpectingError(ApiPrompt p) throws Exception {
            Run r = submit(p);
            assertEquals(ExecutionEvent.Outcome.ERROR, r.outcome());
            return r;
        }

        private Run submit(ApiPrompt p) throws Exception {
            RunHandle h = executor.submit(new RunRequest(p, new JsonObject(), Set.of()));
            ExecutionEvent.Outcome outcome = h.done().get(120, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.stream().noneMatch(e -> e.runId().equals(h.runId()) && e instanceof ExecutionEvent.Finished)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<String> executed = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            Path image = null;
            for (ExecutionEvent e : events) {
                if (!e.runId().equals(h.runId())) {
                    continue;
                }
                if (e instanceof ExecutionEvent.Executed x) {
                    executed.add(x.nodeId());
                    JsonElement images = x.ui().get("images");
                    if (images != null && images.isJsonArray() && !images.getAsJsonArray().isEmpty()) {
                        image = root.resolve("out").resolve(images.getAsJsonArray().get(0).getAsJsonObject()
                                .get("filename").getAsString());
                    }
                } else if (e instanceof ExecutionEvent.NodeWarning w) {
                    warnings.add(w.nodeId() + ": " + w.message());
                } else if (e instanceof ExecutionEvent.NodeError x) {
                    errors.add(x.message());
                }
            }
            return new Run(outcome, executed, warnings, errors, image);
        }

        /** The checkpoint as the cache holds it (a hit: it loads nothing new after the first run). */
        Checkpoint checkpoint() throws Exception {
            var tokenizer = services.tokenizer(folders, "ckpt_name");
            try (SharedModel<Checkpoint> c = services.models().get("checkpoint",
                    root.resolve("models/checkpoints").resolve(TinyModels.CHECKPOINT),
                    f -> CheckpointLoader.load(f, tokenizer, services.root()))) {
                return c.value();
            }
        }

        /** Every base weight of the checkpoint's UNet and text model (read while the executor is idle). */
        Map<String, float[]> baseSnapshot() throws Exception {
            Checkpoint c = checkpoint();
            Map<String, float[]> out = new LinkedHashMap<>();
            snapshot("unet:", c.model().unet().weights(), out);
            snapshot("clip:", c.clip().model().weights(), out);
            return out;
        }

        private static void snapshot(String tag, Weights w, Map<String, float[]> out) {
            for (String k : w.keys()) {
                var a = w.get(k);
                var plain = ConvWeights.plain(a);
                out.put(tag + k, plain.toFloatArray());
                if (plain != a) {
                    plain.close();
                }
            }
        }

        Map<String, long[]> unetShapes() {
            return ParameterShapes.unet(UNET);
        }

        /** UNet layers of one of the sample's LoRA files. */
        int unetLayers(String lora) throws Exception {
            try (var f = SafetensorsFile.open(root.resolve("models/loras").resolve(lora))) {
                return (int) f.names().stream().filter(k -> k.startsWith("lora_unet_") && k.endsWith(".lora_up.weight"))
                        .count();
            }
        }

        /** UNet weights the sample's stack patches: every layer of either LoRA. */
        int stackUnetLayers() {
            return SyntheticLora.unetLayers(UNET, unetShapes(), SyntheticLora.ATTENTION.or(SyntheticLora.RESNET_CONVS))
                    .size();
        }

        /** Text-encoder weights the sample's stack patches: watercolor's six projections per layer. */
        int stackClipLayers() {
            return SyntheticCheckpoint.tinyClip().layers() * 6;
        }

        @Override
        public void close() {
            executor.close();
            services.close();
        }
    }
}
