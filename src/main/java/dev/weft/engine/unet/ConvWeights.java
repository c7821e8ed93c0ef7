package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.kernels.FusedKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Optional CPU preparation of a UNet's or ControlNet's convolution kernels: each kernel is
 * reordered once into oneDNN's blocked layout, so convolutions stop re-laying out their weights
 * on every call. That re-layout dominates the low-resolution 1280-channel convolutions of SD 1.5
 * (a 59 MB kernel for 128 output pixels): measured here, 55 ms became 15 ms per 8x8 call.
 *
 * <p>Packing is the loader's decision, made once on the arrays it owns: packed kernels replace
 * the plain ones in the {@link WeightMap} (no second copy). A packed array still reports its
 * shape [O, I, kh, kw], but only the UNet/ControlNet convolutions and {@link #plain} can read
 * it: code that reads or patches weights (LoRA merging, saving) must take {@link #plain} first.
 * The packing is lossless, so {@code plain(pack(w))} is bit-identical to {@code w}. Engine thread
 * only.
 */
public final class ConvWeights {
    /** DJL's code for libtorch's MKLDNN tensor layout ({@link JniUtils#getLayout}). */
    private static final int MKLDNN_LAYOUT = 2;

    private ConvWeights() {
    }

    /**
     * Packs, in place, every convolution kernel of the UNet or ControlNet whose keys are under
     * {@code prefix} in {@code map} (e.g. {@code "model.diffusion_model."} or {@code ""}): 4-D
     * {@code *.weight} tensors except the transformers' {@code proj_in}/{@code proj_out} (1x1
     * kernels applied as linear maps). Already packed kernels are left alone.
     *
     * @return the keys packed
     */
    public static List<String> packForCpu(WeightMap map, String prefix) {
        List<String> packed = new ArrayList<>();
        for (String key : new ArrayList<>(map.keys())) {
            if (!key.startsWith(prefix) || !key.endsWith(".weight")) {
                continue;
            }
            String local = key.substring(prefix.length());
            NDArray w = map.get(key);
            if (!packable(local, w.getShape().getShape()) || isPacked(w)) {
                continue;
            }
            map.put(key, pack(local, w));
            packed.add(key);
        }
        return packed;
    }

    /**
     * Whether the kernel at {@code key} (relative to the UNet or ControlNet) with {@code shape} is
     * one {@link #packForCpu} packs: a 4-D {@code *.weight} other than a transformer's
     * {@code proj_in}/{@code proj_out}.
     */
    public static boolean packable(String key, long[] shape) {
        return key.endsWith(".weight") && shape.length == 4 && !key.contains("proj_in.") && !key.contains("proj_out.");
    }

    /**
     * One kernel packed as {@link #packForCpu} packs it, for copies made after loading (a
     * LoRA-patched kernel replaces a packed one and must stay packed for the fast convolution).
     *
     * @param key the kernel's key relative to the UNet or ControlNet (decides the stride)
     * @param w   a plain {@code [O, I, kh, kw]} kernel; left as is
     * @return a new packed array attached to {@code w}'s manager
     */
    public static NDArray pack(String key, NDArray w) {
        int padding = (int) (w.getShape().get(2) / 2);
        return FusedKernels.packConv(w, strideOf(key), padding);
    }

    /** Whether {@code w} is a kernel packed by {@link #packForCpu}. */
    public static boolean isPacked(NDArray w) {
        return JniUtils.getLayout((PtNDArray) w) == MKLDNN_LAYOUT;
    }

    /**
     * A plain row-major copy of a packed kernel, or {@code w} itself when it is not packed. The
     * copy is attached to {@code w}'s manager and belongs to the caller.
     */
    public static NDArray plain(NDArray w) {
        return isPacked(w) ? FusedKernels.release(FusedKernels.unpackConv(w)) : w;
    }

    /**
     * The stride a kernel is used with: 2 for the UNet's down-samplers ({@code op}) and the
     * ControlNet hint encoder's convs 4, 8 and 12, else 1.
     */
    static int strideOf(String key) {
        if (key.endsWith(".op.weight")) {
            return 2;
        }
        if (key.startsWith("input_hint_block.")) {
            String index = key.substring("input_hint_block.".length(), key.indexOf('.', "input_hint_block.".length()));
            return ControlNet.hintConvStride(Integer.parseInt(index));
        }
        return 1;
    }
}
