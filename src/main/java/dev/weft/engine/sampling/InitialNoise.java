package dev.weft.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The start noise of a KSampler run, bit-identical to ComfyUI's {@code comfy.sample.prepare_noise}:
 * {@code torch.manual_seed(seed)} then {@code torch.randn} on the CPU generator (libtorch's
 * Mersenne twister and normal sampler, reached through DJL).
 */
public final class InitialNoise {
    private InitialNoise() {
    }

    /**
     * Unit Gaussian noise for a latent batch.
     *
     * @param manager    where the result lives (a CPU manager)
     * @param shape      latent shape {@code [B, C, H, W]}
     * @param seed       the seed (any long; ComfyUI's range is 0 to 2^64-1)
     * @param batchIndex ComfyUI's {@code batch_index} ({@code noise_inds}): item k gets the
     *                   {@code batchIndex[k]}-th of consecutive per-item draws; {@code null} for one
     *                   draw over the whole shape
     * @return float32 {@code [B, C, H, W]}, owned by the caller
     */
    public static NDArray prepare(NDManager manager, Shape shape, long seed, int[] batchIndex) {
        JniUtils.setSeed(seed);
        if (batchIndex == null) {
            return manager.randomNormal(shape);
        }
        if (batchIndex.length != shape.get(0)) {
            throw new IllegalArgumentException("batch_index has " + batchIndex.length + " entries for a batch of "
                    + shape.get(0));
        }
        int max = 0;
        for (int i : batchIndex) {
            if (i < 0) {
                throw new IllegalArgumentException("batch_index entries must be >= 0, got " + i);
            }
            max = Math.max(max, i);
        }
        long[] dims = shape.getShape().clone();
        dims[0] = 1;
        Shape one = new Shape(dims);
        try (NDManager draws = manager.newSubManager()) {
            NDArray[] drawn = new NDArray[max + 1];
            for (int i = 0; i <= max; i++) {
                drawn[i] = draws.randomNormal(one);
            }
            NDList picked = new NDList();
            for (int i : batchIndex) {
                picked.add(drawn[i]);
            }
            NDArray out = NDArrays.concat(picked);
            out.attach(manager);
            return out;
        }
    }
}
