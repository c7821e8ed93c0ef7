package dev.weft.engine.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeGoldenTest {
    @Test
    void everyVaeTinyCaseMatchesComfyUI() {
        List<GoldenResult> results = new VaeGoldenSuite().run(GoldenFiles.dir("vae_tiny"));
        results.forEach(r -> System.out.println(r));
        assertEquals(2 * 7, results.size(), "seven checks for each of f2 and f8");
        for (GoldenResult r : results) {
            assertTrue(r.passed(), r.name() + ": " + r.detail());
        }
    }
}
