package dev.weft.engine.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ComfyUI's merged weights for every LoRA case of golden/lora (both key styles, every strength),
 * one result per case and model.
 *
 * <p>Known data problem (reported, not tolerated): in the shared set, ComfyUI's {@code kohya_s0.8}
 * text-encoder references are the unpatched weights (its reference run did not apply the LoRA to
 * the CLIP; the same file at -0.5 and the PEFT file at both strengths were applied and match
 * exactly). The suite still fails that result; this test accepts it only with the suite's
 * diagnosis that the reference equals the unpatched weight for every key.
 */
class LoraGoldenSuiteTest {
    @Test
    void everyLoraCaseMatchesComfyUisMergedWeightsExceptReferencesThatAreUnpatched() {
        List<GoldenResult> results = new LoraGoldenSuite().run(caseDirWithBaseWeights());
        results.forEach(System.out::println);
        assertEquals(4, results.stream().filter(r -> r.name().endsWith("/model")).count(), results.toString());
        assertEquals(4, results.stream().filter(r -> r.name().endsWith("/clip")).count(), results.toString());
        for (GoldenResult r : results) {
            boolean unpatchedReference = r.name().endsWith("/clip")
                    && r.detail().contains("reference is the unpatched weight for every key");
            assertTrue(r.passed() || unpatchedReference, r.toString());
            if (r.name().endsWith("/model")) {
                assertEquals(0.0, r.maxAbs(), r.toString()); // same float32 operations as ComfyUI: bit-identical
            }
        }
        assertTrue(results.stream().filter(GoldenResult::passed).count() >= 7, results.toString());
    }

    /** The lora folder next to the tiny UNet and CLIP it patches (the local copy has the LoRAs only). */
    static Path caseDirWithBaseWeights() {
        Path local = GoldenFiles.dir("lora");
        if (Files.isRegularFile(local.resolve("../unet_sd15_tiny/weights.safetensors"))) {
            return local;
        }
        Path shared = Path.of(System.getProperty("weft.golden", "../shared/golden"), "lora");
        assumeTrue(Files.isRegularFile(shared.resolve("../unet_sd15_tiny/weights.safetensors"))
                && Files.isRegularFile(shared.resolve("../clip_tiny/weights.safetensors")),
                "base weights unet_sd15_tiny/clip_tiny not found next to " + shared + ": test skipped");
        return shared;
    }
}
