package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ComfyUI's CLIP outputs (every clip-skip setting, pooled, CLIPTextEncode conditioning) on clip_tiny. */
class ClipTinyGoldenTest {
    @Test
    void compactCopyMatchesComfyUiForEveryPromptAndLayer() {
        List<GoldenResult> results = new ClipTinyGoldenSuite(CompactClipWeights::load).run(GoldenFiles.dir("clip_tiny"));
        assertAllPassed(results);
        // 3 prompts x (last, skip -1, skip -2, cond default, cond skip -2)
        assertEquals(15, results.size());
    }

    @Test
    void sharedFullWeightsMatchComfyUi() {
        Path shared = GoldenFiles.sharedRoot().resolve("clip_tiny");
        assumeTrue(Files.isDirectory(shared), "shared golden data has no clip_tiny: test skipped");
        assertAllPassed(new ClipTinyGoldenSuite().run(shared));
    }

    private static void assertAllPassed(List<GoldenResult> results) {
        assertTrue(!results.isEmpty());
        String failures = results.stream().filter(r -> !r.passed())
                .map(r -> r.name() + ": " + r.detail()).collect(Collectors.joining("\n"));
        assertEquals("", failures);
        for (GoldenResult r : results) {
            assertTrue(r.maxAbs() < 1e-4, r.name() + " off by " + r.maxAbs());
        }
    }
}
