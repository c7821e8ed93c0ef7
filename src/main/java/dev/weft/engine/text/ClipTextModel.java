package dev.weft.engine.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.weft.engine.tensor.Weights;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The CLIP text transformer SD 1.x uses (OpenAI ViT-L/14's text tower, as ComfyUI's
 * {@code comfy.clip_model.CLIPTextModel_} runs it): token + position embeddings, pre-LayerNorm
 * encoder layers with causal self-attention and a quick-GELU MLP, and a final LayerNorm.
 *
 * <p>Holds no arrays: every parameter is looked up in its {@link Weights} on each forward, keys
 * relative to {@code text_model.} ({@code embeddings.token_embedding.weight},
 * {@code encoder.layers.<i>.self_attn.q_proj.weight}, {@code final_layer_norm.bias}, ...). A
 * LoRA-patched encoder is {@link #withWeights} over an overlay. Engine thread only.
 */
public final class ClipTextModel {
    /** Where SD 1.x checkpoints keep the text model. */
    public static final String CHECKPOINT_PREFIX = "cond_stage_model.transformer.text_model.";
    /** Older checkpoints (transformers before 4.x's text_model wrapper) keep it here; ComfyUI rewrites it. */
    public static final String LEGACY_CHECKPOINT_PREFIX = "cond_stage_model.transformer.";

    private static final String TOKEN_EMBEDDING = "embeddings.token_embedding.weight";

    private final Weights weights;
    private final ClipTextConfig config;

    /**
     * @param textModel weights with keys relative to {@code text_model.}
     * @param config    sizes; {@link ClipTextConfig#infer} reads them from the weights
     */
    public ClipTextModel(Weights textModel, ClipTextConfig config) {
        this.weights = Objects.requireNonNull(textModel);
        this.config = Objects.requireNonNull(config);
    }

    /**
     * The text model inside an SD 1.x checkpoint, with sizes read from its weights and 64-wide heads.
     *
     * @throws IllegalArgumentException if the checkpoint has no CLIP text model
     */
    public static ClipTextModel fromCheckpoint(Weights checkpoint) {
        Weights tm = textModelWeights(checkpoint);
        return new ClipTextModel(tm, ClipTextConfig.infer(tm));
    }

    /** As {@link #fromCheckpoint(Weights)} with an explicit head count (models whose heads are not 64 wide). */
    public static ClipTextModel fromCheckpoint(Weights checkpoint, int heads) {
        Weights tm = textModelWeights(checkpoint);
        return new ClipTextModel(tm, ClipTextConfig.infer(tm, heads));
    }

    /**
     * The view of a checkpoint's weights under {@value #CHECKPOINT_PREFIX}, or under
     * {@value #LEGACY_CHECKPOINT_PREFIX} for the older layout.
     *
     * @throws IllegalArgumentException if neither layout has a token embedding
     */
    public static Weights textModelWeights(Weights checkpoint) {
        for (String prefix : new String[] {CHECKPOINT_PREFIX, LEGACY_CHECKPOINT_PREFIX}) {
            if (checkpoint.has(prefix + TOKEN_EMBEDDING)) {
                return checkpoint.prefixed(prefix);
            }
        }
        throw new IllegalArgumentException("the checkpoint has no SD 1.x CLIP text encoder (no "
                + CHECKPOINT_PREFIX + TOKEN_EMBEDDING + " or " + LEGACY_CHECKPOINT_PREFIX + TOKEN_EMBEDDING + ")");
    }

    /** The same model over other weights of the same shapes (e.g. LoRA-patched). */
    public ClipTextModel withWeights(Weights textModel) {
        return new ClipTextModel(textModel, config);
    }

    public ClipTextConfig config() {
        return config;
    }

    /** The weights (keys relative to {@code text_model.}). */
    public Weights weights() {
        return weights;
    }

    /**
     * Token embedding rows: {@code ids} {@code [N]} (int64) → {@code [N, C]}, owned by {@code manager}.
     *
     * @throws IllegalArgumentException if an id is outside the vocabulary
     */
    public NDArray embedTokens(long[] ids, NDManager manager) {
        for (long id : ids) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the CLIP vocabulary of "
                        + config.vocabSize());
            }
        }
        try (NDArray idx = manager.create(ids)) {
            return weights.get(TOKEN_EMBEDDING).get(manager, new NDIndex("{}", idx));
        }
    }

    /**
     * The result of a forward pass; both arrays belong to the caller's manager and may be the same
     * array (when the last layer is requested).
     *
     * @param hidden the requested layer's output with the final LayerNorm applied, {@code [B, T, C]}
     * @param last   the final layer's output after the final LayerNorm, {@code [B, T, C]}
     */
    public record Output(NDArray hidden, NDArray last) {
    }

    /**
     * Runs the transformer on token embeddings (position embeddings are added here).
     *
     * @param tokenEmbeds {@code [B, T, C]} fp32 with {@code T <= maxPositions}; not modified
     * @param layer       which hidden state to return as {@link Output#hidden}
     * @param manager     owner of the outputs; intermediates are freed before returning
     */
    public Output forward(NDArray tokenEmbeds, ClipLayer layer, NDManager manager) {
        long[] shape = tokenEmbeds.getShape().getShape();
        if (shape.length != 3 || shape[2] != config.hiddenSize() || shape[1] > config.maxPositions()) {
            throw new IllegalArgumentException("CLIP input must be [B, T <= " + config.maxPositions() + ", "
                    + config.hiddenSize() + "], got " + tokenEmbeds.getShape());
        }
        int t = (int) shape[1];
        OptionalInt keep = layer.outputLayer(config.layers());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray positions = weights.get("embeddings.position_embedding.weight").get(manager, new NDIndex(":" + t));
            NDArray x = tokenEmbeds.add(positions);
            NDArray mask = causalMask(t, manager);
            NDArray kept = null;
            for (int i = 0; i < config.layers(); i++) {
                NDArray next;
                try (NDScope inner = new NDScope()) {
                    inner.suppressNotUsedWarning();
                    next = layer(x, i, mask);
                    NDScope.unregister(next);
                }
                NDScope.register(next);
                if (x != kept) { // free each layer's input as soon as the next exists
                    NDScope.unregister(x);
                    x.close();
                }
                if (keep.isPresent() && keep.getAsInt() == i) {
                    kept = next;
                }
                x = next;
            }
            NDArray last = layerNorm(x, "final_layer_norm");
            NDArray hidden = kept == null || kept == x ? last : layerNorm(kept, "final_layer_norm");
            NDScope.unregister(last, hidden);
            last.attach(manager);
            hidden.attach(manager);
            return new Output(hidden, last);
        }
    }

    /** One pre-LayerNorm encoder layer: {@code x + attn(ln1(x))}, then {@code + mlp(ln2(.))}. */
    private NDArray layer(NDArray x, int i, NDArray mask) {
        String p = "encoder.layers." + i + ".";
        NDArray h = x.add(selfAttention(layerNorm(x, p + "layer_norm1"), p + "self_attn.", mask));
        NDArray mlp = linear(config.activation().apply(linear(layerNorm(h, p + "layer_norm2"), p + "mlp.fc1")),
                p + "mlp.fc2");
        return h.add(mlp);
    }

    /** Multi-head softmax attention, scores scaled after the product as ComfyUI's attention_basic does. */
    private NDArray selfAttention(NDArray x, String p, NDArray mask) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int heads = config.heads();
        int d = config.headWidth();
        NDArray q = linear(x, p + "q_proj").reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray k = linear(x, p + "k_proj").reshape(b, t, heads, d).transpose(0, 2, 3, 1);
        NDArray v = linear(x, p + "v_proj").reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).mul((float) Math.pow(d, -0.5)).add(mask);
        NDArray out = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, config.hiddenSize());
        return linear(out, p + "out_proj");
    }

    private NDArray linear(NDArray x, String name) {
        return Linear.linear(x, weights.get(name + ".weight"), weights.get(name + ".bias")).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), weights.get(name + ".weight"),
                weights.get(name + ".bias"), config.layerNormEps()).singletonOrThrow();
    }

    /** {@code [T, T]}: 0 on and below the diagonal, the most negative float above (as ComfyUI builds it). */
    private static NDArray causalMask(int t, NDManager manager) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = -Float.MAX_VALUE;
            }
        }
        return manager.create(m, new Shape(t, t));
    }
}
