package dev.weft.engine.sampling.golden;

import dev.weft.engine.golden.GoldenSuite;
import java.util.List;

/** The golden suites of the sampling package, for the {@code weft golden} runner. */
public final class SamplingSuites {
    private SamplingSuites() {
    }

    /** One suite per golden folder: sigmas, samplers, cfg, noise, latent2rgb. */
    public static List<GoldenSuite> all() {
        return List.of(new SigmasSuite(), new SamplersSuite(), new CfgSuite(), new NoiseSuite(), new Latent2RgbSuite());
    }
}
