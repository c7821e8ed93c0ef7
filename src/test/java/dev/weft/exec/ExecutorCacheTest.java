package dev.weft.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.PngMetadata;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The input-signature cache: what a second run re-executes, and when cached resources are closed. */
class ExecutorCacheTest extends ExecutorFixture {
    private ExecutionEvent.Outcome run(ApiPrompt prompt) throws Exception {
        return outcome(submit(prompt));
    }

    private ExecutionEvent.Outcome run(RunRequest request) throws Exception {
        return outcome(executor.submit(request));
    }

    private Map<String, Integer> counts(String... types) {
        return List.of(types).stream().collect(Collectors.toMap(t -> t, fakes::executions));
    }

    @Test
    void firstRunExecutesEveryNodeOnce() throws Exception {
        assertEquals(ExecutionEvent.Outcome.SUCCESS, run(txt2img));
        assertEquals(Map.of("CheckpointLoaderSimple", 1, "RescaleCFG", 1, "CLIPTextEncode", 2, "EmptyLatentImage", 1,
                        "KSampler", 1, "VAEDecode", 1, "SaveImage", 1),
                counts("CheckpointLoaderSimple", "RescaleCFG", "CLIPTextEncode", "EmptyLatentImage", "KSampler",
                        "VAEDecode", "SaveImage"));
    }

    @Test
    void changingKSamplerCfgReRunsOnlyKSamplerVaeDecodeAndSaveImage() throws Exception {
        run(txt2img);
        fakes.resetCounts();

        assertEquals(ExecutionEvent.Outcome.SUCCESS, run(Prompts.with(txt2img, "3", "cfg", new JsonPrimitive(6.5))));

        assertEquals(List.of("3", "8", "9"), fakes.order());
        assertEquals(6.5, fakes.inputsOf("3").getDouble("cfg"));
        String second = log.all().get(log.all().size() - 1).runId();
        assertEquals(Set.of("4", "5", "6", "7", "10"), Set.copyOf(log.of(second, ExecutionEvent.Cached.class).get(0).nodeIds()));
    }

    @Test
    void anUnchangedSecondRunExecutesNothingAndReportsEveryNodeCached() throws Exception {
        run(txt2img);
        fakes.resetCounts();

        assertEquals(ExecutionEvent.Outcome.SUCCESS, run(txt2img));

        assertEquals(List.of(), fakes.order());
        String second = log.all().get(log.all().size() - 1).runId();
        assertEquals(Set.of("3", "4", "5", "6", "7", "8", "9", "10"),
                Set.copyOf(log.of(second, ExecutionEvent.Cached.class).get(0).nodeIds()));
        // The cached SaveImage still tells the UI which file it saved, as ComfyUI re-sends cached UI output.
        List<ExecutionEvent.Executed> executed = log.of(second, ExecutionEvent.Executed.class);
        assertEquals(1, executed.size());
        assertEquals("9", executed.get(0).nodeId());
        assertEquals("txt2img_00001_.png",
                executed.get(0).ui().getAsJsonArray("images").get(0).getAsJsonObject().get("filename").getAsString());
    }

    @Test
    void changingAnUpstreamWidgetReRunsItsDescendantsOnly() throws Exception {
        run(txt2img);
        fakes.resetCounts();

        run(Prompts.with(txt2img, "6", "text", new JsonPrimitive("a lighthouse at night")));

        assertEquals(Set.of("6", "3", "8", "9"), Set.copyOf(fakes.order()));
        assertEquals(0, fakes.executions("CheckpointLoaderSimple"));
    }

    @Test
    void anAlwaysFingerprintReRunsTheNodeAndEverythingAfterIt() throws Exception {
        ApiPrompt img2img = Samples.prompt("img2img.json", fakes.registry());
        fakes.alwaysRun("LoadImage");
        run(img2img);
        fakes.resetCounts();

        run(img2img);

        assertEquals(Set.of("10", "11", "3", "8", "9"), Set.copyOf(fakes.order()));
    }

    @Test
    void identicalNodesUnderOtherIdsShareOneCacheEntry() throws Exception {
        run(txt2img);
        fakes.resetCounts();
        ApiPrompt twin = Prompts.parse("""
                {"40": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
                 "41": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 512, "batch_size": 1}},
                 "42": {"class_type": "VAEDecode", "inputs": {"samples": ["41", 0], "vae": ["40", 2]}},
                 "43": {"class_type": "PreviewImage", "inputs": {"images": ["42", 0]}}}""");

        run(twin);

        assertEquals(List.of("42", "43"), fakes.order());
    }

    @Test
    void entriesTheLatestRunDidNotUseAreEvictedAndTheirResourcesClosed() throws Exception {
        Files.write(temp.resolve("models/checkpoints/other.safetensors"), new byte[0]);
        run(txt2img);
        List<FakeNodes.Resource> first = fakes.resources();
        assertEquals(8, first.size());
        assertTrue(first.stream().noneMatch(FakeNodes.Resource::closed));

        run(Prompts.with(txt2img, "4", "ckpt_name", new JsonPrimitive("other.safetensors")));

        // Everything but the empty latent depends on the checkpoint, so only its entry survives.
        for (FakeNodes.Resource r : first) {
            assertEquals(!r.nodeId().equals("5"), r.closed(), "resource of node " + r.nodeId());
            assertTrue(r.closeCount() <= 1);
        }
    }

    @Test
    void clearCacheClosesEverythingAndTheNextRunStartsFromScratch() throws Exception {
        run(txt2img);
        executor.clearCache();
        fakes.resetCounts();

        run(txt2img);

        assertEquals(8, fakes.order().size());
        List<FakeNodes.Resource> all = fakes.resources();
        assertTrue(all.subList(0, 8).stream().allMatch(FakeNodes.Resource::closed));
        assertTrue(all.subList(8, 16).stream().noneMatch(FakeNodes.Resource::closed));
        executor.close();
        assertTrue(fakes.resources().stream().allMatch(r -> r.closeCount() == 1));
    }

    @Test
    void runningOneTargetRunsItsAncestorsOnly() throws Exception {
        run(new RunRequest(txt2img, null, Set.of("6")));

        assertEquals(List.of("4", "6"), fakes.order());
        assertFalse(fakes.order().contains("9"));
    }

    @Test
    void saveImageGetsThePromptAndExtraPngInfoThroughItsContext() throws Exception {
        JsonObject extra = new JsonObject();
        JsonObject workflow = new JsonObject();
        workflow.addProperty("marker", "the workflow");
        extra.add("workflow", workflow);

        run(new RunRequest(txt2img, extra, Set.of()));

        Map<String, String> text = PngMetadata.readText(temp.resolve("output/txt2img_00001_.png"));
        assertEquals("{\"marker\":\"the workflow\"}", text.get("workflow"));
        assertEquals(txt2img.toJson(), JsonParser.parseString(text.get("prompt")));
    }

    @Test
    void constantsArriveConvertedAsComfyUiConvertsThem() throws Exception {
        ApiPrompt p = Prompts.with(txt2img, "3", "steps", new JsonPrimitive("5"));
        p = Prompts.with(p, "3", "seed", new JsonPrimitive("18446744073709551615"));
        p = Prompts.with(p, "3", "cfg", new JsonPrimitive(7));
        p = Prompts.with(p, "5", "width", new JsonPrimitive(640.0));

        run(p);

        assertEquals(5L, fakes.inputsOf("3").get("steps"));
        assertEquals(-1L, fakes.inputsOf("3").get("seed"));
        assertEquals("18446744073709551615", Long.toUnsignedString(fakes.inputsOf("3").getLong("seed")));
        assertEquals(7.0, fakes.inputsOf("3").get("cfg"));
        assertEquals("euler", fakes.inputsOf("3").get("sampler_name"));
        assertEquals(640L, fakes.inputsOf("5").get("width"));
        assertTrue(fakes.inputsOf("3").get("model") instanceof FakeNodes.Fake);
    }

}
