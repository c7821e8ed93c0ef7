package dev.weft.engine.sampling.guidance;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.sampling.Scopes;

/** ComfyUI's {@code cfg_function}: combines the two predictions into the guided x0. */
public final class Cfg {
    private Cfg() {
    }

    /**
     * The guided x0: {@code uncond + (cond - uncond) * scale}, or {@code x - fn(args)} when the
     * options carry a CFG function; then every post-CFG function in order.
     *
     * @param x              noisy latent {@code [B, C, H, W]}
     * @param sigma          {@code [B]}
     * @param condDenoised   positive prediction
     * @param uncondDenoised negative prediction
     * @return a new array {@code [B, C, H, W]}
     */
    public static NDArray combine(NDArray x, NDArray sigma, NDArray condDenoised, NDArray uncondDenoised,
                                  double condScale, GuidanceOptions options) {
        return Scopes.keep(() -> combineInScope(x, sigma, condDenoised, uncondDenoised, condScale, options));
    }

    private static NDArray combineInScope(NDArray x, NDArray sigma, NDArray condDenoised, NDArray uncondDenoised,
                                          double condScale, GuidanceOptions options) {
        CfgArgs args = new CfgArgs(x, sigma, condDenoised, uncondDenoised, condScale);
        NDArray result;
        if (options.cfgFunction().isPresent()) {
            result = x.sub(options.cfgFunction().get().apply(args));
        } else {
            result = uncondDenoised.add(condDenoised.sub(uncondDenoised).mul((float) condScale));
        }
        for (PostCfgFunction fn : options.postCfg()) {
            result = fn.apply(result, args);
        }
        return result;
    }

    /** Python's {@code math.isclose(scale, 1.0)} (relative tolerance 1e-9). */
    public static boolean isOne(double condScale) {
        return Math.abs(condScale - 1.0) <= 1e-9 * Math.max(Math.abs(condScale), 1.0);
    }
}
