package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
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
 * {@code ControlNet.get_control}: a ControlNet acts only while sigma lies in
 * [percent_to_sigma(end), percent_to_sigma(start)]; its hint is resized to 8x the latent
 * (nearest-exact, centre crop) and batched like the latents; the network sees the scaled input and
 * the integer timestep; its residuals are multiplied by the strength and added to those of the
 * ControlNets before it. Resized hints are kept per hint and size for the whole sampling run.
 * Engine thread only.
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
     * @param sigma   [N]
     * @param t       [N] timesteps
     * @param context [N, T, D]
     * @param chunks  how many cond/uncond chunks the N rows hold (hints are batched per chunk)
     */
    ControlResiduals residuals(List<ControlHint> hints, NDArray x, NDArray sigma, NDArray t, NDArray context,
                               long chunks) {
        if (hints.isEmpty()) {
            return null;
        }
        float s0 = sigma.getFloat(0);
        List<NDArray> outputs = null;
        NDArray middle = null;
        NDArray xIn = null;
        for (ControlHint h : hints) {
            float[] range = sigmaRanges.computeIfAbsent(h, k -> new float[] {
                (float) sampling.percentToSigma(k.startPercent()), (float) sampling.percentToSigma(k.endPercent())});
            if (s0 > range[0] || s0 < range[1]) {
                continue;
            }
            if (xIn == null) {
                xIn = sampling.calculateInput(sigma, x);
            }
            NDArray hint = hintFor(h, x, chunks);
            ControlResiduals r = h.net().forward(xIn, hint, t, context, null);
            List<NDArray> out = new ArrayList<>();
            for (NDArray o : r.output()) {
                out.add(o == null ? null : o.mul(h.strength()));
            }
            NDArray mid = r.middle() == null ? null : r.middle().mul(h.strength());
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

    private static NDArray add(NDArray a, NDArray b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** The hint at 8x the latent size, [N or 1, 3, 8H, 8W]. */
    private NDArray hintFor(ControlHint h, NDArray x, long chunks) {
        long height = x.getShape().get(2) * 8;
        long width = x.getShape().get(3) * 8;
        NDArray cached = resizedHints.get(h);
        if (cached == null || cached.getShape().get(2) != height || cached.getShape().get(3) != width) {
            NDArray chw = h.hint().transpose(0, 3, 1, 2);
            NDArray resized = Upscale.commonUpscale(chw, (int) width, (int) height, UpscaleMethod.NEAREST_EXACT,
                    CropMode.CENTER);
            NDScope.unregister(resized);
            resized.attach(runManager);
            if (cached != null) {
                cached.close();
            }
            cached = resized;
            resizedHints.put(h, cached);
        }
        return broadcast(cached, x.getShape().get(0), chunks);
    }

    /** ComfyUI's {@code broadcast_image_to}: a single hint broadcasts; otherwise repeat to the batch. */
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
