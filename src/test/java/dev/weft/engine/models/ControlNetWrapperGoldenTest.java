package dev.weft.engine.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ControlNetWrapperGoldenTest {
    @Test
    void rawNetworkAndComfyWrapperThroughTheSamplersModelMatchComfyUi() {
        ControlNetWrapperGoldenSuite suite = new ControlNetWrapperGoldenSuite();
        List<GoldenResult> results = suite.run(GoldenFiles.dir(suite.folder()));
        for (GoldenResult r : results) {
            System.out.printf("%-45s %s maxAbs %.3g rel %.3g %s%n", r.name(), r.passed() ? "ok  " : "FAIL", r.maxAbs(),
                    r.maxRel(), r.detail());
        }
        Set<String> names = results.stream().map(GoldenResult::name).collect(Collectors.toSet());
        for (String wrapperCase : List.of("cond_hint_upscaled", "apply_model_timestep", "apply_model_xc",
                "control_middle_0", "control_output_0", "denoised_no_control", "denoised_with_control")) {
            assertTrue(names.contains("controlnet_tiny/" + wrapperCase), wrapperCase + " was not checked: " + names);
        }
        assertTrue(names.contains("controlnet_tiny/raw_middle_0"), "the raw suite did not run: " + names);
        assertEquals(List.of(), results.stream().filter(r -> !r.passed()).map(r -> r.name() + " " + r.detail()).toList());
    }
}
