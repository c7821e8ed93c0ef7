package dev.weft.engine.sampling.golden;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.Denoiser;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes calls through and remembers every sigma the sampler asked for (golden comparisons of the
 * model-call sigmas, call counts in benchmarks).
 */
public final class RecordingDenoiser implements Denoiser {
    private final Denoiser inner;
    private final List<Float> sigmas = new ArrayList<>();

    public RecordingDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    @Override
    public NDArray denoise(NDArray x, float sigma) {
        sigmas.add(sigma);
        return inner.denoise(x, sigma);
    }

    @Override
    public Guided denoiseGuided(NDArray x, float sigma) {
        sigmas.add(sigma);
        return inner.denoiseGuided(x, sigma);
    }

    /** The sigma of every call so far, plain and guided, in call order. */
    public List<Float> sigmas() {
        return sigmas;
    }
}
