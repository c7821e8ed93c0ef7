package dev.weft.engine.sampling.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.weft.engine.sampling.Scopes;
import java.util.Arrays;

/**
 * RescaleCFG (Lin et al. 2023, arXiv 2305.08891 section 3.4) as ComfyUI's node applies it:
 * CFG is done in v-prediction space, then its per-item standard deviation is pulled toward that
 * of the positive prediction by {@code multiplier} (the "guidance_rescale" of diffusers).
 *
 * <p>With {@code v = (x/(s^2+1) - x0) * sqrt(s^2+1) / s}: {@code v_cfg = v_u + scale (v_c - v_u)},
 * {@code v = m * v_cfg * std(v_c) / std(v_cfg) + (1 - m) * v_cfg} with unbiased std over
 * C, H, W of each batch item, and {@code x0 = x/(s^2+1) - v * s / sqrt(s^2+1)}.
 *
 * @param multiplier guidance_rescale in [0, 1]
 */
public record RescaleCfg(double multiplier) implements SamplerCfgFunction {
    @Override
    public NDArray apply(CfgArgs args) {
        return Scopes.keep(() -> applyInScope(args));
    }

    private NDArray applyInScope(CfgArgs args) {
        NDArray xOrig = args.input();
        NDArray sigma = perItem(args.sigma(), xOrig.getShape().dimension());
        NDArray s2p1 = sigma.mul(sigma).add(1f);
        NDArray x = xOrig.div(s2p1);
        NDArray rootS2p1 = s2p1.sqrt();
        NDArray cond = x.sub(xOrig.sub(args.cond())).mul(rootS2p1).div(sigma);
        NDArray uncond = x.sub(xOrig.sub(args.uncond())).mul(rootS2p1).div(sigma);
        NDArray xCfg = uncond.add(cond.sub(uncond).mul((float) args.condScale()));
        NDArray ratio = std(cond).div(std(xCfg));
        NDArray rescaled = xCfg.mul(ratio);
        NDArray vFinal = rescaled.mul((float) multiplier).add(xCfg.mul((float) (1.0 - multiplier)));
        return xOrig.sub(x.sub(vFinal.mul(sigma).div(rootS2p1)));
    }

    /**
     * Unbiased standard deviation over every axis but the first, kept as {@code [B,1,1,1]};
     * accumulated in float64 like torch's CPU kernel.
     */
    private static NDArray std(NDArray a) {
        long batch = a.getShape().get(0);
        long n = a.getShape().size() / batch;
        NDArray d = a.reshape(batch, n).toType(DataType.FLOAT64, false);
        NDArray centred = d.sub(d.mean(new int[] {1}, true));
        NDArray std = centred.square().sum(new int[] {1}, true).div((double) (n - 1)).sqrt();
        return perItem(std.toType(DataType.FLOAT32, false), a.getShape().dimension());
    }

    /** {@code [B]} (or {@code [B, 1]}) reshaped to {@code [B, 1, ..., 1]} with {@code dims} axes. */
    private static NDArray perItem(NDArray v, int dims) {
        long[] shape = new long[dims];
        Arrays.fill(shape, 1);
        shape[0] = v.getShape().get(0);
        return v.reshape(shape);
    }
}
