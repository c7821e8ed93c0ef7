package dev.weft.engine.sampling;

import dev.weft.engine.golden.GoldenAssertions;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.sampling.golden.Latent2RgbSuite;
import org.junit.jupiter.api.Test;

class Latent2RgbGoldenTest {
    @Test
    void sd15AndSdxlPreviewsMatchComfyUi() {
        GoldenAssertions.assertAllPassed(new Latent2RgbSuite().run(GoldenFiles.dir("latent2rgb")));
    }
}
