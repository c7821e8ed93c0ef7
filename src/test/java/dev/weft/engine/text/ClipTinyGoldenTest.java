package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.engine.golden.GoldenAssertions;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ComfyUI's CLIP outputs (every clip-skip setting, pooled, CLIPTextEncode conditioning) on clip_tiny. */
class ClipTinyGoldenTest {
    @Test
    void compactCopyMatchesComfyUiForEveryPromptAndLayer() {
        List<GoldenResult> results = new ClipTinyGoldenSuite(CompactClipWeights::load).run(GoldenFiles.dir("clip_tiny"));
        assertAllPassedWellWithinTolerance(results);
        // 3 prompts x (last, skip -1, skip -2, cond default, cond skip -2)
        assertEquals(15, results.size());
    }

    @Test
    void sharedFullWeightsMatchComfyUi() {
        Path shared = GoldenFiles.sharedRoot().resolve("clip_tiny");
        assumeTrue(Files.isDirectory(shared), "shared golden data has no clip_tiny: test skipped");
        assertAllPassedWellWithinTolerance(new ClipTinyGoldenSuite().run(shared));
    }

    private static void assertAllPassedWellWithinTolerance(List<GoldenResult> results) {
        GoldenAssertions.assertAllPassed(results);
        for (GoldenResult r : results) {
            assertTrue(r.maxAbs() < 1e-4, r.name() + " off by " + r.maxAbs());
        }
    }
}
