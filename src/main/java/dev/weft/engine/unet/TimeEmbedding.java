package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.weft.engine.tensor.Weights;

/**
 * The conditioning vector every ResBlock receives: the sinusoidal embedding of the timestep
 * through {@code time_embed} (Linear, SiLU, Linear), plus, for ADM models (SDXL),
 * {@code label_emb} of the vector {@code y}.
 */
final class TimeEmbedding {
    private static final double MAX_PERIOD = 10000.0;

    private TimeEmbedding() {
    }

    /**
     * ComfyUI's {@code timestep_embedding(t, dim)} (no flip: cosines first, then sines):
     * {@code freqs[i] = exp(-ln(10000) * i / (dim/2))}, {@code [cos(t*freqs), sin(t*freqs)]}, a
     * zero column appended when {@code dim} is odd. Computed with the same fp32 torch kernels, in
     * the same order, as the reference.
     *
     * @param timesteps [B], fractional timesteps allowed
     * @return [B, dim]
     */
    static NDArray sinusoidal(NDArray timesteps, int dim) {
        return Ops.scoped(() -> {
            NDManager m = timesteps.getManager();
            int half = dim / 2;
            NDArray freqs = m.arange(0, half, 1, DataType.FLOAT32).mul((float) -Math.log(MAX_PERIOD))
                    .div((float) half).exp();
            NDArray args = timesteps.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(freqs.reshape(1, -1));
            NDList parts = new NDList(args.cos(), args.sin());
            if (dim % 2 == 1) {
                parts.add(m.zeros(new ai.djl.ndarray.types.Shape(args.getShape().get(0), 1), DataType.FLOAT32));
            }
            return NDArrays.concat(parts, 1);
        });
    }

    /**
     * The embedding {@code emb} [B, 4*modelChannels] for {@code timesteps} [B] and, when the model
     * has {@code label_emb}, the ADM vector {@code y} [B, adm].
     *
     * (Presence and shapes are checked by {@link Inputs}.)
     */
    static NDArray embed(Ops ops, Weights w, UNetConfig c, NDArray timesteps, NDArray y) {
        boolean adm = c.admInChannels() > 0;
        return Ops.scoped(() -> {
            NDArray t = sinusoidal(timesteps, c.modelChannels());
            NDArray emb = mlp(ops, w, "time_embed.", t);
            if (adm) {
                ops.addInPlace(emb, mlp(ops, w, "label_emb.0.", y));
            }
            return emb;
        });
    }

    /** Linear {@code <p>0}, SiLU, Linear {@code <p>2}. */
    private static NDArray mlp(Ops ops, Weights w, String p, NDArray x) {
        return ops.linear(w, p + "2.", ops.silu(ops.linear(w, p + "0.", x)));
    }
}
