package dev.weft.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.engine.golden.GoldenAssertions;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.sampling.golden.SamplersSuite;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SamplersGoldenTest {
    @Test
    void everyComfyUiSamplerMatchesItsGoldenRunsStepByStep() {
        List<GoldenResult> results = new SamplersSuite().run(GoldenFiles.dir("samplers"));
        GoldenAssertions.assertAllPassed(results);
        // Every name of ComfyUI's SAMPLER_NAMES is covered by at least one run.
        Set<String> covered = results.stream()
                .map(r -> r.name().substring("samplers/".length(), r.name().indexOf("__")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(SamplerName.names()), covered);
    }
}
