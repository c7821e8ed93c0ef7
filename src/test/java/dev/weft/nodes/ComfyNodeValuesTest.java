package dev.weft.nodes;

import static dev.weft.nodes.SpecJson.compact;
import static dev.weft.nodes.SpecJson.input;
import static dev.weft.nodes.SpecJson.spec;
import static dev.weft.nodes.SpecJson.text;
import static dev.weft.nodes.SpecJson.withoutTooltip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The specs carry ComfyUI v0.3.64's values: every number is compared as written text, so
 * {@code 8.0} versus {@code 8} and the 20-digit seed maximum count.
 */
class ComfyNodeValuesTest {
    /** comfy/samplers.py SAMPLER_NAMES = KSAMPLER_NAMES + ddim, uni_pc, uni_pc_bh2. */
    private static final String SAMPLER_NAMES = "[\"euler\", \"euler_cfg_pp\", \"euler_ancestral\","
            + " \"euler_ancestral_cfg_pp\", \"heun\", \"heunpp2\", \"dpm_2\", \"dpm_2_ancestral\", \"lms\", \"dpm_fast\","
            + " \"dpm_adaptive\", \"dpmpp_2s_ancestral\", \"dpmpp_2s_ancestral_cfg_pp\", \"dpmpp_sde\", \"dpmpp_sde_gpu\","
            + " \"dpmpp_2m\", \"dpmpp_2m_cfg_pp\", \"dpmpp_2m_sde\", \"dpmpp_2m_sde_gpu\", \"dpmpp_2m_sde_heun\","
            + " \"dpmpp_2m_sde_heun_gpu\", \"dpmpp_3m_sde\", \"dpmpp_3m_sde_gpu\", \"ddpm\", \"lcm\", \"ipndm\", \"ipndm_v\","
            + " \"deis\", \"res_multistep\", \"res_multistep_cfg_pp\", \"res_multistep_ancestral\","
            + " \"res_multistep_ancestral_cfg_pp\", \"gradient_estimation\", \"gradient_estimation_cfg_pp\", \"er_sde\","
            + " \"seeds_2\", \"seeds_3\", \"sa_solver\", \"sa_solver_pece\", \"ddim\", \"uni_pc\", \"uni_pc_bh2\"]";
    /** comfy/samplers.py SCHEDULER_NAMES, the key order of SCHEDULER_HANDLERS. */
    private static final String SCHEDULER_NAMES = "[\"simple\", \"sgm_uniform\", \"karras\", \"exponential\","
            + " \"ddim_uniform\", \"beta\", \"normal\", \"linear_quadratic\", \"kl_optimal\"]";

    @Test
    void kSamplerInputsMatchComfyUi() {
        JsonObject k = spec("KSampler");
        assertOrder(k, "required", "model", "seed", "steps", "cfg", "sampler_name", "scheduler", "positive", "negative",
                "latent_image", "denoise");
        assertInput(k, "model", "[\"MODEL\", {}]");
        assertInput(k, "seed", "[\"INT\", {\"default\": 0, \"min\": 0, \"max\": 18446744073709551615,"
                + " \"control_after_generate\": true}]");
        assertInput(k, "steps", "[\"INT\", {\"default\": 20, \"min\": 1, \"max\": 10000}]");
        assertInput(k, "cfg", "[\"FLOAT\", {\"default\": 8.0, \"min\": 0.0, \"max\": 100.0, \"step\": 0.1, \"round\": 0.01}]");
        assertInput(k, "sampler_name", "[" + SAMPLER_NAMES + ", {}]");
        assertInput(k, "scheduler", "[" + SCHEDULER_NAMES + ", {}]");
        assertInput(k, "positive", "[\"CONDITIONING\", {}]");
        assertInput(k, "negative", "[\"CONDITIONING\", {}]");
        assertInput(k, "latent_image", "[\"LATENT\", {}]");
        assertInput(k, "denoise", "[\"FLOAT\", {\"default\": 1.0, \"min\": 0.0, \"max\": 1.0, \"step\": 0.01}]");
        assertOutputs(k, "[\"LATENT\"]", "[\"LATENT\"]");
        assertHeader(k, "KSampler", "sampling", "nodes", false);
        assertEquals(42, input(k, "sampler_name").get(0).getAsJsonArray().size());
    }

    @Test
    void kSamplerAdvancedInputsMatchComfyUi() {
        JsonObject k = spec("KSamplerAdvanced");
        assertOrder(k, "required", "model", "add_noise", "noise_seed", "steps", "cfg", "sampler_name", "scheduler",
                "positive", "negative", "latent_image", "start_at_step", "end_at_step", "return_with_leftover_noise");
        assertInput(k, "add_noise", "[[\"enable\", \"disable\"], {}]");
        assertInput(k, "noise_seed", "[\"INT\", {\"default\": 0, \"min\": 0, \"max\": 18446744073709551615,"
                + " \"control_after_generate\": true}]");
        assertInput(k, "steps", "[\"INT\", {\"default\": 20, \"min\": 1, \"max\": 10000}]");
        assertInput(k, "cfg", "[\"FLOAT\", {\"default\": 8.0, \"min\": 0.0, \"max\": 100.0, \"step\": 0.1, \"round\": 0.01}]");
        assertInput(k, "sampler_name", "[" + SAMPLER_NAMES + ", {}]");
        assertInput(k, "scheduler", "[" + SCHEDULER_NAMES + ", {}]");
        assertInput(k, "start_at_step", "[\"INT\", {\"default\": 0, \"min\": 0, \"max\": 10000}]");
        assertInput(k, "end_at_step", "[\"INT\", {\"default\": 10000, \"min\": 0, \"max\": 10000}]");
        assertInput(k, "return_with_leftover_noise", "[[\"disable\", \"enable\"], {}]");
        assertOutputs(k, "[\"LATENT\"]", "[\"LATENT\"]");
        assertHeader(k, "KSampler (Advanced)", "sampling", "nodes", false);
    }

    @Test
    void rescaleCfgIsTheGuidanceRescaleMultiplier() {
        JsonObject r = spec("RescaleCFG");
        assertOrder(r, "required", "model", "multiplier");
        assertInput(r, "model", "[\"MODEL\", {}]");
        assertInput(r, "multiplier", "[\"FLOAT\", {\"default\": 0.7, \"min\": 0.0, \"max\": 1.0, \"step\": 0.01}]");
        assertOutputs(r, "[\"MODEL\"]", "[\"MODEL\"]");
        assertHeader(r, "RescaleCFG", "advanced/model", "comfy_extras.nodes_model_advanced", false);
    }

    @Test
    void emptyLatentImageMatchesComfyUi() {
        JsonObject e = spec("EmptyLatentImage");
        assertOrder(e, "required", "width", "height", "batch_size");
        assertInput(e, "width", "[\"INT\", {\"default\": 512, \"min\": 16, \"max\": 16384, \"step\": 8}]");
        assertInput(e, "height", "[\"INT\", {\"default\": 512, \"min\": 16, \"max\": 16384, \"step\": 8}]");
        assertInput(e, "batch_size", "[\"INT\", {\"default\": 1, \"min\": 1, \"max\": 4096}]");
        assertOutputs(e, "[\"LATENT\"]", "[\"LATENT\"]");
        assertHeader(e, "Empty Latent Image", "latent", "nodes", false);
    }

    @Test
    void latentUpscaleMatchesComfyUi() {
        JsonObject u = spec("LatentUpscale");
        assertOrder(u, "required", "samples", "upscale_method", "width", "height", "crop");
        assertInput(u, "samples", "[\"LATENT\", {}]");
        assertInput(u, "upscale_method", "[[\"nearest-exact\", \"bilinear\", \"area\", \"bicubic\", \"bislerp\"], {}]");
        assertInput(u, "width", "[\"INT\", {\"default\": 512, \"min\": 0, \"max\": 16384, \"step\": 8}]");
        assertInput(u, "height", "[\"INT\", {\"default\": 512, \"min\": 0, \"max\": 16384, \"step\": 8}]");
        assertInput(u, "crop", "[[\"disabled\", \"center\"], {}]");
        assertOutputs(u, "[\"LATENT\"]", "[\"LATENT\"]");
        assertHeader(u, "Upscale Latent", "latent", "nodes", false);
    }

    @Test
    void imageScaleMatchesComfyUi() {
        JsonObject s = spec("ImageScale");
        assertOrder(s, "required", "image", "upscale_method", "width", "height", "crop");
        assertInput(s, "image", "[\"IMAGE\", {}]");
        assertInput(s, "upscale_method", "[[\"nearest-exact\", \"bilinear\", \"area\", \"bicubic\", \"lanczos\"], {}]");
        assertInput(s, "width", "[\"INT\", {\"default\": 512, \"min\": 0, \"max\": 16384, \"step\": 1}]");
        assertInput(s, "height", "[\"INT\", {\"default\": 512, \"min\": 0, \"max\": 16384, \"step\": 1}]");
        assertInput(s, "crop", "[[\"disabled\", \"center\"], {}]");
        assertOutputs(s, "[\"IMAGE\"]", "[\"IMAGE\"]");
        assertHeader(s, "Upscale Image", "image/upscaling", "nodes", false);
    }

    @Test
    void cannyMatchesComfyUisV3Schema() {
        JsonObject c = spec("Canny");
        assertOrder(c, "required", "image", "low_threshold", "high_threshold");
        assertInput(c, "image", "[\"IMAGE\", {}]");
        assertInput(c, "low_threshold", "[\"FLOAT\", {\"default\": 0.4, \"min\": 0.01, \"max\": 0.99, \"step\": 0.01}]");
        assertInput(c, "high_threshold", "[\"FLOAT\", {\"default\": 0.8, \"min\": 0.01, \"max\": 0.99, \"step\": 0.01}]");
        assertOutputs(c, "[\"IMAGE\"]", "[\"IMAGE\"]");
        assertHeader(c, "Canny", "image/preprocessors", "comfy_extras.nodes_canny", false);
        // V3 nodes always report these three flags.
        assertFalse(c.get("deprecated").getAsBoolean());
        assertFalse(c.get("experimental").getAsBoolean());
        assertFalse(c.get("api_node").getAsBoolean());
    }

    @Test
    void controlNetApplyAdvancedHasOptionalVaeAndNamedOutputs() {
        JsonObject a = spec("ControlNetApplyAdvanced");
        assertOrder(a, "required", "positive", "negative", "control_net", "image", "strength", "start_percent",
                "end_percent");
        assertOrder(a, "optional", "vae");
        assertInput(a, "control_net", "[\"CONTROL_NET\", {}]");
        assertInput(a, "image", "[\"IMAGE\", {}]");
        assertInput(a, "strength", "[\"FLOAT\", {\"default\": 1.0, \"min\": 0.0, \"max\": 10.0, \"step\": 0.01}]");
        assertInput(a, "start_percent", "[\"FLOAT\", {\"default\": 0.0, \"min\": 0.0, \"max\": 1.0, \"step\": 0.001}]");
        assertInput(a, "end_percent", "[\"FLOAT\", {\"default\": 1.0, \"min\": 0.0, \"max\": 1.0, \"step\": 0.001}]");
        assertInput(a, "vae", "[\"VAE\", {}]");
        assertOutputs(a, "[\"CONDITIONING\", \"CONDITIONING\"]", "[\"positive\", \"negative\"]");
        assertHeader(a, "Apply ControlNet", "conditioning/controlnet", "nodes", false);
    }

    @Test
    void oldControlNetApplyIsDeprecatedAndHasNoPercentWindow() {
        JsonObject a = spec("ControlNetApply");
        assertOrder(a, "required", "conditioning", "control_net", "image", "strength");
        assertInput(a, "strength", "[\"FLOAT\", {\"default\": 1.0, \"min\": 0.0, \"max\": 10.0, \"step\": 0.01}]");
        assertTrue(a.get("deprecated").getAsBoolean());
        assertHeader(a, "Apply ControlNet (OLD)", "conditioning/controlnet", "nodes", false);
    }

    @Test
    void textEncodingAndClipSkipMatchComfyUi() {
        JsonObject t = spec("CLIPTextEncode");
        assertOrder(t, "required", "text", "clip");
        assertInput(t, "text", "[\"STRING\", {\"multiline\": true, \"dynamicPrompts\": true}]");
        assertHeader(t, "CLIP Text Encode (Prompt)", "conditioning", "nodes", false);
        JsonObject s = spec("CLIPSetLastLayer");
        assertOrder(s, "required", "clip", "stop_at_clip_layer");
        assertInput(s, "stop_at_clip_layer", "[\"INT\", {\"default\": -1, \"min\": -24, \"max\": -1, \"step\": 1}]");
        assertHeader(s, "CLIP Set Last Layer", "conditioning", "nodes", false);
    }

    @Test
    void loraLoadersMatchComfyUiAndLoraStackRowsUseTheSameStrengthRanges() {
        String strength = "[\"FLOAT\", {\"default\": 1.0, \"min\": -100.0, \"max\": 100.0, \"step\": 0.01}]";
        JsonObject l = spec("LoraLoader");
        assertOrder(l, "required", "model", "clip", "lora_name", "strength_model", "strength_clip");
        assertInput(l, "strength_model", strength);
        assertInput(l, "strength_clip", strength);
        assertOutputs(l, "[\"MODEL\", \"CLIP\"]", "[\"MODEL\", \"CLIP\"]");
        assertHeader(l, "Load LoRA", "loaders", "nodes", false);
        JsonObject m = spec("LoraLoaderModelOnly");
        assertOrder(m, "required", "model", "lora_name", "strength_model");
        assertInput(m, "strength_model", strength);
        assertOutputs(m, "[\"MODEL\"]", "[\"MODEL\"]");
        assertHeader(m, "LoraLoaderModelOnly", "loaders", "nodes", false);

        JsonObject stack = spec("LoraStack");
        // clip is optional: unwired, the stack patches the model only (LoraLoaderModelOnly on export).
        assertOrder(stack, "required", "model", "loras");
        assertOrder(stack, "optional", "clip");
        JsonObject options = input(stack, "loras").get(1).getAsJsonObject();
        assertEquals("LORA_STACK", options.get("widgetType").getAsString());
        assertEquals("LORA_STACK", input(stack, "loras").get(0).getAsString());
        assertEquals("[]", text(options.get("default")));
        assertEquals("loras", options.get("weft_files").getAsString());
        JsonObject row = options.getAsJsonObject("weft_row");
        assertEquals(java.util.List.of("name", "strength_model", "strength_clip", "enabled"),
                new java.util.ArrayList<>(row.keySet()));
        assertEquals(compact(strength), withoutTooltip(row.getAsJsonArray("strength_model")));
        assertEquals(compact(strength), withoutTooltip(row.getAsJsonArray("strength_clip")));
        assertEquals(compact("[\"BOOLEAN\", {\"default\": true}]"), withoutTooltip(row.getAsJsonArray("enabled")));
        assertOutputs(stack, "[\"MODEL\", \"CLIP\"]", "[\"MODEL\", \"CLIP\"]");
        assertHeader(stack, "LoRA Stack", "loaders", "weft", false);
    }

    @Test
    void fileCombosAreEmptyInTheFilesAndNameTheirFileList() {
        Map<String, String> combos = Map.of(
                "CheckpointLoaderSimple.ckpt_name", "checkpoints",
                "VAELoader.vae_name", "vae",
                "LoraLoader.lora_name", "loras",
                "LoraLoaderModelOnly.lora_name", "loras",
                "ControlNetLoader.control_net_name", "controlnet",
                "LoadImage.image", "input");
        combos.forEach((where, list) -> {
            String[] parts = where.split("\\.");
            JsonArray in = input(spec(parts[0]), parts[1]);
            assertEquals("[]", text(in.get(0)), where);
            assertEquals(list, in.get(1).getAsJsonObject().get("weft_files").getAsString(), where);
        });
        assertTrue(input(spec("LoadImage"), "image").get(1).getAsJsonObject().get("image_upload").getAsBoolean());
        // Every weft_files value in the folder names a list Weft knows.
        SpecJson.specs().forEach((name, spec) -> FileChoices.fill(spec, list -> java.util.List.of()));
    }

    @Test
    void loadersAndImageNodesMatchComfyUisOutputsAndNames() {
        assertOutputs(spec("CheckpointLoaderSimple"), "[\"MODEL\", \"CLIP\", \"VAE\"]", "[\"MODEL\", \"CLIP\", \"VAE\"]");
        assertHeader(spec("CheckpointLoaderSimple"), "Load Checkpoint", "loaders", "nodes", false);
        assertOutputs(spec("VAELoader"), "[\"VAE\"]", "[\"VAE\"]");
        assertHeader(spec("VAELoader"), "Load VAE", "loaders", "nodes", false);
        assertOutputs(spec("ControlNetLoader"), "[\"CONTROL_NET\"]", "[\"CONTROL_NET\"]");
        assertHeader(spec("ControlNetLoader"), "Load ControlNet Model", "loaders", "nodes", false);
        assertOrder(spec("VAEDecode"), "required", "samples", "vae");
        assertOutputs(spec("VAEDecode"), "[\"IMAGE\"]", "[\"IMAGE\"]");
        assertHeader(spec("VAEDecode"), "VAE Decode", "latent", "nodes", false);
        assertOrder(spec("VAEEncode"), "required", "pixels", "vae");
        assertOutputs(spec("VAEEncode"), "[\"LATENT\"]", "[\"LATENT\"]");
        assertHeader(spec("VAEEncode"), "VAE Encode", "latent", "nodes", false);
        assertOutputs(spec("LoadImage"), "[\"IMAGE\", \"MASK\"]", "[\"IMAGE\", \"MASK\"]");
        assertHeader(spec("LoadImage"), "Load Image", "image", "nodes", false);

        for (String saver : new String[] {"SaveImage", "PreviewImage"}) {
            JsonObject s = spec(saver);
            assertOutputs(s, "[]", "[]");
            assertEquals(compact("{\"prompt\": \"PROMPT\", \"extra_pnginfo\": \"EXTRA_PNGINFO\"}"),
                    text(s.getAsJsonObject("input").get("hidden")));
            assertOrder(s, "hidden", "prompt", "extra_pnginfo");
        }
        assertInput(spec("SaveImage"), "filename_prefix", "[\"STRING\", {\"default\": \"ComfyUI\"}]");
        assertHeader(spec("SaveImage"), "Save Image", "image", "nodes", true);
        assertHeader(spec("PreviewImage"), "Preview Image", "image", "nodes", true);
    }

    @Test
    void frontendNodesDescribeTheSocketsTheFrontendGivesThem() {
        JsonObject note = spec("Note");
        assertInput(note, "text", "[\"STRING\", {\"default\": \"\", \"multiline\": true}]");
        assertOutputs(note, "[]", "[]");
        JsonObject reroute = spec("Reroute");
        assertInput(reroute, "", "[\"*\", {}]");
        assertOutputs(reroute, "[\"*\"]", "[\"\"]");
        JsonObject primitive = spec("PrimitiveNode");
        assertEquals("{}", text(primitive.getAsJsonObject("input").get("required")));
        assertOutputs(primitive, "[\"*\"]", "[\"connect to widget input\"]");
        assertHeader(note, "Note", "utils", "nodes", false);
        assertHeader(reroute, "Reroute", "utils", "nodes", false);
        assertHeader(primitive, "Primitive", "utils", "nodes", false);
    }

    private static void assertInput(JsonObject spec, String name, String expectedWithoutTooltip) {
        assertEquals(compact(expectedWithoutTooltip), withoutTooltip(input(spec, name)), spec.get("name") + "." + name);
    }

    private static void assertOrder(JsonObject spec, String section, String... names) {
        JsonArray expected = new JsonArray();
        for (String n : names) {
            expected.add(n);
        }
        assertEquals(expected, spec.getAsJsonObject("input_order").get(section), spec.get("name") + " " + section);
    }

    private static void assertOutputs(JsonObject spec, String types, String names) {
        assertEquals(compact(types), text(spec.get("output")), spec.get("name") + " output");
        assertEquals(compact(names), text(spec.get("output_name")), spec.get("name") + " output_name");
        for (var isList : spec.getAsJsonArray("output_is_list")) {
            assertFalse(isList.getAsBoolean());
        }
    }

    private static void assertHeader(JsonObject spec, String displayName, String category, String module,
                                     boolean outputNode) {
        String name = spec.get("name").getAsString();
        assertEquals(displayName, spec.get("display_name").getAsString(), name);
        assertEquals(category, spec.get("category").getAsString(), name);
        assertEquals(module, spec.get("python_module").getAsString(), name);
        assertEquals(outputNode, spec.get("output_node").getAsBoolean(), name);
    }
}
