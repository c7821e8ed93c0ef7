package dev.weft.engine.sampling;

import dev.weft.engine.golden.GoldenAssertions;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.sampling.golden.CfgSuite;
import org.junit.jupiter.api.Test;

class CfgGoldenTest {
    @Test
    void cfgAndRescaleCfgMatchComfyUiForEveryScaleAndMultiplier() {
        GoldenAssertions.assertAllPassed(new CfgSuite().run(GoldenFiles.dir("cfg")));
    }
}
