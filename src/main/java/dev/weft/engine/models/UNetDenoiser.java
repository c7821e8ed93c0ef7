package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.sampling.guidance.CondKind;
import dev.weft.engine.sampling.guidance.ConditionedModel;
import dev.weft.engine.unet.ControlResiduals;
import dev.weft.engine.unet.UNetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The diffusion model as the samplers call it: ComfyUI's {@code calc_cond_batch} and
 * {@code BaseModel.apply_model} for SD 1.x (EPS or V).
 *
 * <p>When positive and negative each hold one entry with the same ControlNets, both chunks run as
 * one batch (contexts of different lengths are repeated to their least common multiple, at most
 * 4x, as ComfyUI does); otherwise every entry runs on its own and a chunk's result is the mean of
 * its entries. ControlNets applied with the old Apply ControlNet node reach the negative as
 * ComfyUI's {@code control_apply_to_uncond} says ({@link UncondControls}). Engine thread only.
 */
public final class UNetDenoiser implements ConditionedModel {
    /** ComfyUI refuses to repeat a context more than this to batch it with a longer one. */
    private static final long MAX_CONTEXT_REPEAT = 4;

    private final DiffusionModel model;
    private final Conditioning positive;
    private final Conditioning negative;
    private final ControlRunner controls;

    /**
     * @param runManager owns caches that live for the whole sampling run (resized ControlNet hints)
     * @throws IllegalArgumentException when a ControlNet on the conditioning does not fit the
     *                                  model's UNet, naming both
     */
    public UNetDenoiser(DiffusionModel model, Conditioning positive, Conditioning negative, NDManager runManager) {
        this.model = model;
        this.positive = positive;
        this.negative = UncondControls.negativeFor(positive, negative);
        this.controls = new ControlRunner(model.sampling(), runManager);
        checkControlsFit(model.unet().config(), positive);
        checkControlsFit(model.unet().config(), this.negative);
    }

    /** The conditioning the negative chunks are sampled with (after {@link UncondControls}). */
    Conditioning negative() {
        return negative;
    }

    /** The ControlNet runner of this sampling run (golden checks read its resized hints). */
    ControlRunner controls() {
        return controls;
    }

    /**
     * A ControlNet's residuals are added to the UNet's features, so its encoder must have the
     * UNet's widths, levels and ResBlocks per level, and read the same context width.
     */
    private static void checkControlsFit(UNetConfig unet, Conditioning conditioning) {
        for (CondEntry e : conditioning.entries()) {
            for (ControlHint h : e.controls()) {
                UNetConfig c = h.control().net().config().encoder();
                if (c.modelChannels() != unet.modelChannels() || !c.channelMult().equals(unet.channelMult())
                        || !c.numResBlocks().equals(unet.numResBlocks()) || c.contextDim() != unet.contextDim()
                        || c.inChannels() != unet.inChannels()) {
                    throw new IllegalArgumentException("the ControlNet " + h.control().name() + " was made for another"
                            + " UNet (" + describe(c) + ") than the model's (" + describe(unet) + "): load a"
                            + " ControlNet for this model's family");
                }
            }
        }
    }

    private static String describe(UNetConfig c) {
        return c.modelChannels() + " channels x " + c.channelMult() + ", " + c.numResBlocks() + " ResBlocks per level, "
                + "context " + c.contextDim();
    }

    @Override
    public NDArray predict(NDArray x, NDArray sigma, List<CondKind> chunks) {
        int k = chunks.size();
        long rows = x.getShape().get(0);
        if (rows % k != 0) {
            throw new IllegalArgumentException("batch of " + rows + " rows does not split into " + k + " chunks");
        }
        long batch = rows / k;
        List<Conditioning> conds = new ArrayList<>();
        for (CondKind c : chunks) {
            conds.add(c == CondKind.POSITIVE ? positive : negative);
        }
        if (batchable(conds)) {
            List<CondEntry> entries = conds.stream().map(c -> c.entries().get(0)).toList();
            try (NDScope scope = new NDScope()) {
                NDArray context = batchedContext(entries, batch);
                NDArray out = run(x, sigma, context, entries.get(0).controls(), k);
                NDScope.unregister(out);
                return out;
            }
        }
        NDList perChunk = new NDList();
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < k; i++) {
                NDArray xi = x.get(i * batch + ":" + (i + 1) * batch);
                NDArray si = sigma.get(i * batch + ":" + (i + 1) * batch);
                NDArray sum = null;
                for (CondEntry e : conds.get(i).entries()) {
                    NDArray context = e.cond().tile(0, batch);
                    NDArray d = run(xi, si, context, e.controls(), 1);
                    sum = sum == null ? d : sum.add(d);
                }
                perChunk.add(sum.div(conds.get(i).entries().size()));
            }
            NDArray out = NDArrays.concat(perChunk, 0);
            NDScope.unregister(out);
            return out;
        }
    }

    /** One UNet call: input scaling, timesteps, control residuals, then x0 from the prediction. */
    private NDArray run(NDArray x, NDArray sigma, NDArray context, List<ControlHint> hints, long chunks) {
        ModelSampling ms = model.sampling();
        NDArray xIn = ms.calculateInput(sigma, x);
        NDArray t = timesteps(ms, sigma);
        ControlResiduals control = hints.isEmpty() ? null : controls.residuals(hints, x, sigma, t, context, chunks);
        NDArray eps = model.unet().forward(xIn, t, context, null, control);
        return ms.calculateDenoised(sigma, eps, x);
    }

    /** ComfyUI's {@code model_sampling.timestep(sigma)}: the nearest discrete step, as float. */
    static NDArray timesteps(ModelSampling ms, NDArray sigma) {
        float[] s = sigma.toFloatArray();
        float[] t = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            t[i] = ms.timestep(s[i]);
        }
        return sigma.getManager().create(t);
    }

    private static boolean batchable(List<Conditioning> conds) {
        CondEntry first = null;
        long lcm = 1;
        long min = Long.MAX_VALUE;
        for (Conditioning c : conds) {
            if (c.entries().size() != 1) {
                return false;
            }
            CondEntry e = c.entries().get(0);
            if (first == null) {
                first = e;
            } else if (!ControlApplication.sameObjects(first.controls(), e.controls())
                    || first.cond().getShape().get(2) != e.cond().getShape().get(2)) {
                return false;
            }
            lcm = lcm(lcm, e.tokens());
            min = Math.min(min, e.tokens());
        }
        return lcm / min <= MAX_CONTEXT_REPEAT;
    }

    /** [k·B, L, C]: each chunk's context repeated to the common length L and to B rows. */
    private static NDArray batchedContext(List<CondEntry> entries, long batch) {
        long length = 1;
        for (CondEntry e : entries) {
            length = lcm(length, e.tokens());
        }
        NDList parts = new NDList();
        for (CondEntry e : entries) {
            NDArray c = e.cond();
            if (e.tokens() != length) {
                c = c.tile(1, length / e.tokens());
            }
            parts.add(batch == 1 ? c : c.tile(0, batch));
        }
        return parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(parts, 0);
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
