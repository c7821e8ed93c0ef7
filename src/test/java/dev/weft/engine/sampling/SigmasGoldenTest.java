package dev.weft.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.engine.golden.GoldenAssertions;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.sampling.golden.SigmasSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigmasGoldenTest {
    @Test
    void everySchedulerConversionAndKSamplerScheduleMatchesComfyUi() {
        List<GoldenResult> results = new SigmasSuite().run(GoldenFiles.dir("sigmas"));
        GoldenAssertions.assertAllPassed(results);
    }

    @Test
    void betaSchedulerRoundsTheSameTimestepsAsScipy() {
        ModelSampling ms = ModelSampling.sd(Parameterization.EPS);
        float[] s = Scheduler.BETA.sigmas(ms, 5);
        int[] expected = {999, 876, 637, 362, 123};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(ms.sigmaAt(expected[i]), s[i], "step " + i);
        }
        assertEquals(0f, s[5]);
    }
}
