package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClipTinyGoldenTest {
    @Test
    void sharedFullWeightsMatchComfyUi() {
        List<GoldenResult> results = new ClipTinyGoldenSuite().run(GoldenFiles.sharedRoot().resolve("clip_tiny"));
        results.forEach(r -> System.out.println(r));
        String failures = results.stream().filter(r -> !r.passed())
                .map(r -> r.name() + ": " + r.detail()).collect(Collectors.joining("\n"));
        assertEquals("", failures);
        assertTrue(results.size() >= 15);
    }
}
