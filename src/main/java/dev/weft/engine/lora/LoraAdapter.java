package dev.weft.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * How one layer of a LoRA file changes its target weight: {@code W' = W + strength · scale · ΔW}.
 * Arrays belong to the {@link LoraFile}; {@link #delta} creates new arrays the caller frees
 * (compute it inside an {@link ai.djl.ndarray.NDScope}). Engine thread only.
 */
public sealed interface LoraAdapter {
    /**
     * ΔW reshaped to the target's shape, in fp32: a new array that the caller may change in place.
     *
     * @param target the shape of the weight being patched; {@link #fits} it
     */
    NDArray delta(Shape target);

    /** The factor applied to ΔW at strength 1: alpha / rank for LoRA, 1 without alpha. */
    double scale();

    /** Whether ΔW can patch a weight of shape {@code target}. */
    boolean fits(long[] target);

    /** ΔW's shape as the file gives it, for messages. */
    String describeShape();

    /**
     * A low-rank pair {@code up [out, r(, 1, 1)]}, {@code down [r, in(, kh, kw)]}, with LoCon's
     * optional Tucker core {@code mid [r, r, kh, kw]} (then {@code down} is {@code [r, in, 1, 1]}):
     * ΔW = up · down, reshaped to the weight (a 3x3 conv's kernel as well as a linear matrix).
     *
     * @param alpha the file's {@code .alpha}, or {@code null} (then the scale is 1)
     */
    record LowRank(NDArray up, NDArray down, NDArray mid, Float alpha) implements LoraAdapter {
        /** The rank, {@code down}'s first dimension (taken before any Tucker product, as ComfyUI does). */
        public long rank() {
            return down.getShape().get(0);
        }

        @Override
        public double scale() {
            return alpha == null ? 1.0 : alpha / (double) rank();
        }

        /** ComfyUI reshapes ΔW to the weight, so only the number of values has to agree. */
        @Override
        public boolean fits(long[] target) {
            long out = up.getShape().get(0);
            long n = mid == null ? out * (down.size() / rank())
                    : out * down.getShape().get(1) * mid.getShape().get(2) * mid.getShape().get(3);
            return n == new Shape(target).size();
        }

        @Override
        public String describeShape() {
            return Arrays.toString(up.getShape().getShape()) + " x " + Arrays.toString(down.getShape().getShape())
                    + (mid == null ? "" : " with core " + Arrays.toString(mid.getShape().getShape()));
        }

        @Override
        public NDArray delta(Shape target) {
            NDArray d = mid == null ? down : tuckerDown();
            NDArray u = up.reshape(up.getShape().get(0), -1);
            return u.matMul(d.reshape(d.getShape().get(0), -1)).reshape(target);
        }

        /**
         * LoCon's Tucker form folded into an ordinary down kernel {@code [r, in, kh, kw]}:
         * down^T (as [in, r]) times the core (as [r, r·kh·kw]), laid back out (ComfyUI's order of
         * products, so the rounding matches).
         */
        private NDArray tuckerDown() {
            long r = down.getShape().get(0);
            long in = down.getShape().get(1);
            long kh = mid.getShape().get(2);
            long kw = mid.getShape().get(3);
            NDArray downT = down.swapAxes(0, 1).reshape(in, -1);
            NDArray midT = mid.swapAxes(0, 1).reshape(mid.getShape().get(1), -1);
            return downT.matMul(midT).reshape(in, r, kh, kw).swapAxes(0, 1);
        }
    }

    /** A full difference ({@code .diff}, {@code .diff_b}, {@code .w_norm}, {@code .b_norm}): ΔW is the tensor itself. */
    record Difference(NDArray diff) implements LoraAdapter {
        @Override
        public NDArray delta(Shape target) {
            return diff.reshape(target).duplicate(); // never hand out the file's own tensor
        }

        @Override
        public double scale() {
            return 1.0;
        }

        /** ComfyUI adds a difference only when its shape is the weight's. */
        @Override
        public boolean fits(long[] target) {
            return Arrays.equals(diff.getShape().getShape(), target);
        }

        @Override
        public String describeShape() {
            return Arrays.toString(diff.getShape().getShape());
        }
    }
}
