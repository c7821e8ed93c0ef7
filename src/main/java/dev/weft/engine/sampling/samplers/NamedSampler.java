package dev.weft.engine.sampling.samplers;

import dev.weft.engine.sampling.Sampler;

/**
 * A sampler implementation that serves more than one ComfyUI name (euler and ddim, the "_gpu"
 * twins, the plain and CFG++ or ancestral variants): {@link Samplers} passes the name in.
 */
abstract class NamedSampler implements Sampler {
    private final String name;

    NamedSampler(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }
}
