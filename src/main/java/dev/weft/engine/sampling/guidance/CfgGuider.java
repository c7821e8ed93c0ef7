package dev.weft.engine.sampling.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.sampling.Denoiser;
import dev.weft.engine.sampling.Scopes;
import java.util.List;
import java.util.Objects;

/**
 * Classifier-free guidance around a {@link ConditionedModel} (ComfyUI's {@code CFGGuider}
 * and {@code sampling_function}).
 *
 * <p>Each call makes exactly one model call. At cfg = 1 (Python's {@code math.isclose}) the
 * negative pass is skipped unless the options disable that shortcut: the model then gets
 * {@code x} with chunks {@code [POSITIVE]} and the negative prediction counts as zeros. Otherwise
 * it gets {@code cat(x, x)} with chunks {@code [NEGATIVE, POSITIVE]} (negative first, the order
 * ComfyUI's {@code calc_cond_batch} batches them in) and per-row sigmas, and the two halves are
 * combined by {@link Cfg#combine}.
 *
 * <p>Engine thread only.
 */
public final class CfgGuider implements Denoiser {
    private final ConditionedModel model;
    private final double cfg;
    private final GuidanceOptions options;

    /**
     * @param model   the batched model call
     * @param cfg     the CFG scale
     * @param options CFG function and post-CFG functions (RescaleCFG etc.)
     */
    public CfgGuider(ConditionedModel model, double cfg, GuidanceOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.cfg = cfg;
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public NDArray denoise(NDArray x, float sigma) {
        boolean skipNegative = Cfg.isOne(cfg) && !options.disableCfg1Optimization();
        return run(x, sigma, skipNegative).denoised();
    }

    @Override
    public Guided denoiseGuided(NDArray x, float sigma) {
        return run(x, sigma, false);
    }

    private Guided run(NDArray x, float sigma, boolean skipNegative) {
        NDArray[] both = Scopes.keepBoth(() -> {
            Guided g = runInScope(x, sigma, skipNegative);
            return new NDArray[] {g.denoised(), g.uncondDenoised()};
        });
        return new Guided(both[0], both[1]);
    }

    private Guided runInScope(NDArray x, float sigma, boolean skipNegative) {
        long batch = x.getShape().get(0);
        NDArray sigmas = x.getManager().full(new Shape(batch), sigma, DataType.FLOAT32);
        NDArray cond;
        NDArray uncond;
        if (skipNegative) {
            cond = model.predict(x, sigmas, List.of(CondKind.POSITIVE));
            uncond = x.zerosLike();
        } else {
            NDArray both = model.predict(NDArrays.concat(new NDList(x, x)), NDArrays.concat(new NDList(sigmas, sigmas)),
                    List.of(CondKind.NEGATIVE, CondKind.POSITIVE));
            uncond = both.get("0:" + batch);
            cond = both.get(batch + ":");
        }
        NDArray denoised = Cfg.combine(x, sigmas, cond, uncond, cfg, options);
        return new Guided(denoised, uncond);
    }
}
