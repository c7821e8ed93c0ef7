package dev.weft.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each validation error kind, with the node, title, input, message and fix it reports. */
class PromptValidatorTest {
    @TempDir
    Path temp;

    private NodeRegistry registry;
    private ModelFolders folders;
    private ApiPrompt txt2img;

    @BeforeEach
    void setUp() {
        registry = NodeRegistry.load(Optional.of(FakeNodes.PROJECT_NODES));
        folders = Samples.folders(temp);
        txt2img = Samples.prompt("txt2img.json", registry);
    }

    private ValidationReport validate(ApiPrompt p) {
        return validate(p, Set.of());
    }

    private ValidationReport validate(ApiPrompt p, Set<String> targets) {
        return PromptValidator.validate(p, targets, registry.withFiles(folders), folders).report();
    }

    /** The only error of a report. */
    private static ValidationError only(ValidationReport r) {
        assertEquals(1, r.errors().size(), r.describe());
        return r.errors().get(0);
    }

    private static JsonElement json(String s) {
        return JsonParser.parseString(s);
    }

    private static void assertError(ValidationError e, String nodeId, String title, String input, ValidationKind kind,
                                    String message, String fix) {
        assertEquals(nodeId, e.nodeId(), "node");
        assertEquals(title, e.title(), "title");
        assertEquals(input, e.input(), "input");
        assertEquals(kind.id(), e.kind(), "kind");
        assertEquals(message, e.message(), "message");
        assertEquals(fix, e.fix(), "fix");
    }

    @Test
    void theSampleValidates() {
        assertTrue(validate(txt2img).ok(), validate(txt2img).describe());
    }

    @Test
    void requiredInputMissingSaysWhatToConnectOrSet() {
        assertError(only(validate(Prompts.without(txt2img, "3", "latent_image"))), "3", "KSampler", "latent_image",
                ValidationKind.REQUIRED_INPUT_MISSING, "required input is missing",
                "connect an output of type LATENT to latent_image");
        assertError(only(validate(Prompts.without(txt2img, "3", "cfg"))), "3", "KSampler", "cfg",
                ValidationKind.REQUIRED_INPUT_MISSING, "required input is missing", "set cfg (FLOAT)");
    }

    @Test
    void badLinkedInputCoversMissingNodesMissingSlotsAndBareLists() {
        assertError(only(validate(Prompts.with(txt2img, "3", "model", json("[\"99\", 0]")))), "3", "KSampler", "model",
                ValidationKind.BAD_LINKED_INPUT, "links to node 99, which is not in the prompt",
                "connect model to an output of type MODEL of a node in the prompt");
        assertError(only(validate(Prompts.with(txt2img, "10", "model", json("[\"4\", 5]")))), "10", "RescaleCFG", "model",
                ValidationKind.BAD_LINKED_INPUT,
                "links to output 5 of node 4 \"Load Checkpoint\" (CheckpointLoaderSimple), which has outputs 0 to 2",
                "connect model to one of its outputs: 0 MODEL, 1 CLIP, 2 VAE");
        ValidationError list = only(validate(Prompts.with(txt2img, "6", "text", json("[\"a\", \"b\", \"c\"]"))));
        assertEquals(ValidationKind.BAD_LINKED_INPUT.id(), list.kind());
        assertEquals("6", list.nodeId());
        assertEquals("Positive Prompt", list.title());
    }

    @Test
    void returnTypeMismatchNamesBothTypes() {
        assertError(only(validate(Prompts.with(txt2img, "3", "latent_image", json("[\"4\", 1]")))), "3", "KSampler",
                "latent_image", ValidationKind.RETURN_TYPE_MISMATCH,
                "output 1 of node 4 \"Load Checkpoint\" (CheckpointLoaderSimple) is CLIP, but this input takes LATENT",
                "connect an output of type LATENT to latent_image");
    }

    @Test
    void invalidInputTypeForUnreadableConstantsAndForValuesGivenToSockets() {
        assertError(only(validate(Prompts.with(txt2img, "3", "steps", new JsonPrimitive("many")))), "3", "KSampler",
                "steps", ValidationKind.INVALID_INPUT_TYPE, "\"many\" is not a whole number",
                "set steps to a whole number between 1 and 10000");
        assertError(only(validate(Prompts.with(txt2img, "8", "vae", new JsonPrimitive(3)))), "8", "VAE Decode", "vae",
                ValidationKind.INVALID_INPUT_TYPE, "3 is a value, but this input takes a link from another node",
                "connect an output of type VAE to vae");
    }

    @Test
    void valuesOutsideTheSpecRangeSayTheLimit() {
        assertError(only(validate(Prompts.with(txt2img, "3", "steps", new JsonPrimitive(0)))), "3", "KSampler", "steps",
                ValidationKind.VALUE_SMALLER_THAN_MIN, "0 is smaller than the minimum 1", "set steps to at least 1");
        assertError(only(validate(Prompts.with(txt2img, "3", "cfg", new JsonPrimitive(150)))), "3", "KSampler", "cfg",
                ValidationKind.VALUE_BIGGER_THAN_MAX, "150 is bigger than the maximum 100", "set cfg to at most 100");
        assertError(only(validate(Prompts.with(txt2img, "3", "seed", json("18446744073709551616")))), "3", "KSampler",
                "seed", ValidationKind.VALUE_BIGGER_THAN_MAX,
                "18446744073709551616 is bigger than the maximum 18446744073709551615",
                "set seed to at most 18446744073709551615");
    }

    @Test
    void valueNotInListListsTheChoicesAndForModelFilesWhereToPutThem() {
        ValidationError sampler = only(validate(Prompts.with(txt2img, "3", "sampler_name", new JsonPrimitive("eulr"))));
        assertEquals(ValidationKind.VALUE_NOT_IN_LIST.id(), sampler.kind());
        assertEquals("sampler_name", sampler.input());
        assertEquals("\"eulr\" is not one of the choices", sampler.message());
        assertTrue(sampler.fix().startsWith("choose one of: euler, euler_cfg_pp, euler_ancestral,"), sampler.fix());
        assertTrue(sampler.fix().endsWith("(and 12 more)"), sampler.fix());

        assertError(only(validate(Prompts.with(txt2img, "4", "ckpt_name", new JsonPrimitive("sdxl.safetensors")))),
                "4", "Load Checkpoint", "ckpt_name", ValidationKind.VALUE_NOT_IN_LIST,
                "\"sdxl.safetensors\" is not in the checkpoints folder",
                "put sdxl.safetensors in " + temp.resolve("models/checkpoints")
                        + " or choose one of: v1-5-pruned-emaonly.safetensors");
    }

    @Test
    void customValidationFailsForAMissingInputImage() {
        ApiPrompt img2img = Samples.prompt("img2img.json", registry);
        assertError(only(validate(Prompts.with(img2img, "10", "image", new JsonPrimitive("cat.png")))), "10",
                "Load Image", "image", ValidationKind.CUSTOM_VALIDATION_FAILED,
                "invalid image file: 'cat.png' is not in the input folder",
                "put cat.png in " + temp.resolve("input") + " or choose one of: example.png");
    }

    @Test
    void anExceptionInACustomCheckIsReportedAsExceptionDuringValidation() {
        ApiPrompt img2img = Samples.prompt("img2img.json", registry);
        ValidationError e = only(validate(Prompts.with(img2img, "10", "image", new JsonPrimitive("cat.png [output]"))));
        assertEquals(ValidationKind.EXCEPTION_DURING_VALIDATION.id(), e.kind());
        assertEquals("image", e.input());
        assertTrue(e.message().contains("points into ComfyUI's output or temp folder"), e.message());
        assertEquals("choose an image file from " + temp.resolve("input"), e.fix());
    }

    @Test
    void loraStackRowsAreCheckedFieldByField() {
        ApiPrompt stack = Samples.prompt("lora-stack.json", registry);
        JsonArray rows = json("""
                [{"name": "watercolor_style.safetensors", "strength_model": 200, "strength_clip": 0.8, "enabled": true},
                 {"name": "gone.safetensors", "strength_model": 1, "strength_clip": 1, "enabled": true},
                 {"name": "also-gone.safetensors", "enabled": false}]""").getAsJsonArray();
        JsonElement wrapped = json("{\"__value__\": " + rows + "}");

        ValidationReport r = validate(Prompts.with(stack, "10", "loras", wrapped));

        assertEquals(2, r.errors().size(), r.describe());
        assertError(r.errors().get(0), "10", "LoRA Stack", "loras[0].strength_model", ValidationKind.VALUE_BIGGER_THAN_MAX,
                "200 is bigger than the maximum 100", "set loras[0].strength_model to at most 100");
        assertEquals("loras[1].name", r.errors().get(1).input());
        assertEquals(ValidationKind.VALUE_NOT_IN_LIST.id(), r.errors().get(1).kind());
        assertEquals("put gone.safetensors in " + temp.resolve("models/loras")
                + " or choose one of: add_detail.safetensors, watercolor_style.safetensors", r.errors().get(1).fix());

        ValidationError malformed = only(validate(Prompts.with(stack, "10", "loras", json("{\"__value__\": [{}]}"))));
        assertEquals(ValidationKind.CUSTOM_VALIDATION_FAILED.id(), malformed.kind());
        assertEquals("the LoRA list: LoRA row 0 has no file name; pick a LoRA or delete the row", malformed.message());
    }

    @Test
    void aPromptWithoutOutputNodesHasNothingToRun() {
        ValidationError e = only(validate(Prompts.parse(
                "{\"1\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 64, \"height\": 64, \"batch_size\": 1}}}")));
        assertError(e, null, null, null, ValidationKind.PROMPT_NO_OUTPUTS,
                "the prompt has no output node, so nothing would run",
                "add an output node such as SaveImage or PreviewImage and connect it");
    }

    @Test
    void unknownAndFrontendOnlyNodeTypesAreMissingNodeTypes() {
        ValidationReport r = validate(Prompts.parse("""
                {"1": {"class_type": "FancyUpscaler", "inputs": {}},
                 "2": {"class_type": "Note", "inputs": {"text": "hi"}, "_meta": {"title": "Read me"}}}"""));
        assertEquals(2, r.errors().size());
        assertError(r.errors().get(0), "1", "FancyUpscaler", null, ValidationKind.MISSING_NODE_TYPE,
                "Weft has no node type 'FancyUpscaler'", "replace or remove the node; 'weft nodes' lists the types Weft knows");
        assertError(r.errors().get(1), "2", "Read me", null, ValidationKind.MISSING_NODE_TYPE,
                "Note is a frontend-only node and never runs",
                "remove it from the prompt (exporting from the editor leaves it out)");
    }

    @Test
    void aCycleIsReportedWithItsNodesInLinkOrder() {
        ApiPrompt loop = Prompts.parse("""
                {"1": {"class_type": "LatentUpscale", "inputs": {"samples": ["2", 0], "upscale_method": "nearest-exact",
                       "width": 64, "height": 64, "crop": "disabled"}},
                 "2": {"class_type": "LatentUpscale", "inputs": {"samples": ["1", 0], "upscale_method": "nearest-exact",
                       "width": 64, "height": 64, "crop": "disabled"}},
                 "3": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
                 "4": {"class_type": "VAEDecode", "inputs": {"samples": ["1", 0], "vae": ["3", 2]}},
                 "5": {"class_type": "SaveImage", "inputs": {"images": ["4", 0], "filename_prefix": "loop"}}}""");

        ValidationError e = only(validate(loop));

        assertEquals(ValidationKind.DEPENDENCY_CYCLE.id(), e.kind());
        assertEquals("nodes 1 -> 2 -> 1 feed each other in a loop, so none of them can run first", e.message());
        assertEquals("1", e.nodeId());
        assertEquals("remove one of the links of the loop", e.fix());
    }

    @Test
    void anExecutorRefusesAnInvalidPromptWithItsReport() {
        try (Executor executor = new Executor(registry, new ExecutorConfig(folders, temp.resolve("out"), temp.resolve("tmp")))) {
            ValidationException e = assertThrows(ValidationException.class, () -> executor.submit(
                    RunRequest.of(Prompts.with(txt2img, "3", "cfg", new JsonPrimitive(150)))));
            assertEquals("value_bigger_than_max", e.report().errors().get(0).kind());
            assertEquals(List.of(), executor.queuedRunIds());
            assertTrue(executor.validate(txt2img).ok());
        }
    }

    @Test
    void unknownRunTargetsAreInvalid() {
        ValidationError e = only(validate(txt2img, Set.of("99")));
        assertEquals(ValidationKind.INVALID_PROMPT.id(), e.kind());
        assertEquals("run target '99' is not a node of the prompt", e.message());
    }

    @Test
    void nodesNoOutputNeedsAreNotChecked() {
        ApiPrompt withStray = Prompts.parse("""
                {"1": {"class_type": "EmptyLatentImage", "inputs": {"width": 1, "height": 64, "batch_size": 1}},
                 "2": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
                 "3": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
                 "4": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["2", 2]}},
                 "5": {"class_type": "PreviewImage", "inputs": {"images": ["4", 0]}}}""");
        assertTrue(validate(withStray).ok(), validate(withStray).describe());
    }

    @Test
    void describeGivesOneLineWithNodeInputMessageFixAndKind() {
        ValidationError e = only(validate(Prompts.with(txt2img, "4", "ckpt_name", new JsonPrimitive("x.safetensors"))));
        assertEquals("node 4 \"Load Checkpoint\" (CheckpointLoaderSimple), input ckpt_name: \"x.safetensors\" is not in"
                + " the checkpoints folder; fix: put x.safetensors in " + temp.resolve("models/checkpoints")
                + " or choose one of: v1-5-pruned-emaonly.safetensors [value_not_in_list]", e.describe());
        assertEquals("node 3 \"KSampler\", input cfg: 150 is bigger than the maximum 100; fix: set cfg to at most 100"
                + " [value_bigger_than_max]",
                only(validate(Prompts.with(txt2img, "3", "cfg", new JsonPrimitive(150)))).describe());
    }
}
