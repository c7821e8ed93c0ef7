package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.image.CropMode;
import dev.weft.engine.image.Upscale;
import dev.weft.engine.image.UpscaleMethod;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.unet.ControlResiduals;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the ControlNets chained on a conditioning entry for one model call, as ComfyUI's
 * {@code ControlNet.get_control} and {@code control_merge}:
 * <ul>
 *   <li>a ControlNet acts only while the call's sigma lies in
 *       [percent_to_sigma(end), percent_to_sigma(start)] (start 0 is +∞, end 1 is 0);</li>
 *   <li>its hint is resized to 8x the latent (nearest-exact, centre crop) and, when its batch
 *       differs from the call's, repeated per cond/uncond chunk ({@link #broadcast});</li>
 *   <li>the network sees the scaled input {@code x / sqrt(σ² + 1)}, the integer timestep and
 *       the same context as the UNet;</li>
 *   <li>every residual is averaged over the image first for global-average-pooling ControlNets,
 *       then multiplied by the strength, then added to the residuals of the ControlNets chained
 *       before it.</li>
 * </ul>
 * Resized hints and sigma ranges are kept per hint for the whole sampling run (a later call at
 * another latent size resizes again). Engine thread only.
 */
final class ControlRunner {
    private final ModelSampling sampling;
    private final NDManager runManager;
    private final Map<ControlHint, NDArray> resizedHints = new IdentityHashMap<>();
    private final Map<ControlHint, float[]> sigmaRanges = new IdentityHashMap<>();

    /** @param runManager owns the resized hints until the sampling run ends */
    ControlRunner(ModelSampling sampling, NDManager runManager) {
        this.sampling = sampling;
        this.runManager = runManager;
    }

    /**
     * The summed residuals of {@code hints} for this call, or {@code null} when none is active.
     *
     * @param x       the unscaled model input [N, C, H, W]
     * @param sigma   [N], the same value in every row (the first decides which ControlNets act)
     * @param t       [N] timesteps
     * @param context [N, T, D]
     * @param chunks  how many cond/uncond chunks the N rows hold (hints are repeated per chunk)
     * @return residuals attached to {@code x}'s manager
     */
    ControlResiduals residuals(List<ControlHint> hints, NDArray x, NDArray sigma, NDArray t, NDArray context,
                               long chunks) {
        float s0 = sigma.getFloat(0);
        List<NDArray> outputs = null;
        NDArray middle = null;
        NDArray xIn = null;
        for (ControlHint h : hints) {
            if (!active(h, s0)) {
                continue;
            }
            if (xIn == null) {
                xIn = sampling.calculateInput(sigma, x);
            }
            NDArray hint = broadcast(resizedHint(h, x.getShape().get(2), x.getShape().get(3)), x.getShape().get(0),
                    chunks);
            ControlResiduals r = h.control().net().forward(xIn, hint, t, context, null);
            List<NDArray> out = new ArrayList<>();
            for (NDArray o : r.output()) {
                out.add(scaled(h, o));
            }
            NDArray mid = scaled(h, r.middle());
            if (outputs == null) {
                outputs = out;
                middle = mid;
            } else {
                for (int i = 0; i < out.size(); i++) {
                    outputs.set(i, add(outputs.get(i), out.get(i)));
                }
                middle = add(middle, mid);
            }
        }
        return outputs == null ? null : ControlResiduals.of(outputs, middle);
    }

    /** Whether {@code h} acts at {@code sigma} (ComfyUI compares the float32 sigma with its range). */
    boolean active(ControlHint h, float sigma) {
        float[] range = sigmaRanges.computeIfAbsent(h, k -> new float[] {
            (float) sampling.percentToSigma(k.startPercent()), (float) sampling.percentToSigma(k.endPercent())});
        return !(sigma > range[0] || sigma < range[1]);
    }

    /** A residual of this ControlNet as merged: pooled if the model says so, times the strength. */
    private static NDArray scaled(ControlHint h, NDArray residual) {
        if (residual == null) {
            return null;
        }
        NDArray r = residual;
        if (h.control().globalAveragePooling()) {
            // DJL reduces one axis at a time; H and W flattened are one axis, as torch reduces them.
            Shape s = residual.getShape();
            r = residual.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).mean(new int[] {2}, true)
                    .reshape(s.get(0), s.get(1), 1, 1).broadcast(s);
        }
        // The network's outputs are new arrays of this call, so scaling in place is safe.
        return r == residual ? r.muli(h.strength()) : r.mul(h.strength());
    }

    /** ComfyUI adds the previous ControlNet's residual to this one's: {@code prev + current}. */
    private static NDArray add(NDArray previous, NDArray current) {
        return previous == null ? current : current == null ? previous : previous.addi(current);
    }

    /**
     * The hint of {@code h} at 8x a latent of {@code latentHeight} x {@code latentWidth},
     * [B, C, 8H, 8W]: {@code common_upscale} nearest-exact with a centre crop to the latent's aspect
     * ratio. Owned by the run manager; the caller must not close it.
     */
    NDArray resizedHint(ControlHint h, long latentHeight, long latentWidth) {
        long height = latentHeight * 8;
        long width = latentWidth * 8;
        NDArray cached = resizedHints.get(h);
        if (cached == null || cached.getShape().get(2) != height || cached.getShape().get(3) != width) {
            NDArray resized = Upscale.commonUpscale(h.hint(), (int) width, (int) height, UpscaleMethod.NEAREST_EXACT,
                    CropMode.CENTER);
            NDScope.unregister(resized);
            resized.attach(runManager);
            if (cached != null) {
                cached.close();
            }
            cached = resized;
            resizedHints.put(h, cached);
        }
        return cached;
    }

    /**
     * ComfyUI's {@code broadcast_image_to}: a hint whose batch is 1 or already {@code target} is
     * used as is; otherwise its first rows are repeated to fill one chunk ({@code target / chunks}
     * rows) and that chunk is repeated for every chunk.
     */
    static NDArray broadcast(NDArray hint, long target, long chunks) {
        long n = hint.getShape().get(0);
        if (n == 1 || n == target) {
            return hint;
        }
        long perChunk = target / chunks;
        NDArray h = hint.get(":" + Math.min(n, perChunk));
        NDList parts = new NDList();
        for (long filled = 0; filled < perChunk; filled += h.getShape().get(0)) {
            long take = Math.min(h.getShape().get(0), perChunk - filled);
            parts.add(take == h.getShape().get(0) ? h : h.get(":" + take));
        }
        NDArray one = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        if (one.getShape().get(0) == target) {
            return one;
        }
        NDList all = new NDList();
        for (long i = 0; i < target / one.getShape().get(0); i++) {
            all.add(one);
        }
        return NDArrays.concat(all, 0);
    }
}
