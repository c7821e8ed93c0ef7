package dev.weft.engine.unet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

class UNetGoldenTest {
    @Test
    void sd15TinyMatchesComfyUiForAllSizesTimestepsAndControlRuns() {
        assertAllPass(new UNetGoldenSuite("unet_sd15_tiny"), 16);
    }

    @Test
    void sdxlTinyWithAdmLinearProjectionsAndHeadWidthMatchesComfyUi() {
        assertAllPass(new UNetGoldenSuite("unet_sdxl_tiny"), 16);
    }

    @Test
    void controlNetRawResidualsMatchComfyUi() {
        assertAllPass(new ControlNetGoldenSuite(), 5);
    }

    static void assertAllPass(GoldenSuite suite, int atLeast) {
        List<GoldenResult> results = suite.run(GoldenFiles.dir(suite.folder()));
        for (GoldenResult r : results) {
            System.out.printf("%-50s %s maxAbs %.3g rel %.3g %s%n", r.name(), r.passed() ? "ok  " : "FAIL",
                    r.maxAbs(), r.maxRel(), r.detail());
        }
        assertFalse(results.size() < atLeast, "expected at least " + atLeast + " cases, got " + results.size());
        assertTrue(results.stream().allMatch(GoldenResult::passed), () -> "failed: " + results.stream()
                .filter(r -> !r.passed()).map(r -> r.name() + " " + r.detail()).toList());
    }
}
