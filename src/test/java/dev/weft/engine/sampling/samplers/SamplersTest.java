package dev.weft.engine.sampling.samplers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.engine.sampling.SamplerName;
import org.junit.jupiter.api.Test;

/** The factory: one implementation per ComfyUI sampler name. */
class SamplersTest {
    @Test
    void everySamplerReportsTheComfyNameItWasCreatedFor() {
        for (SamplerName name : SamplerName.values()) {
            assertEquals(name.comfyName(), Samplers.create(name).name());
        }
    }
}
