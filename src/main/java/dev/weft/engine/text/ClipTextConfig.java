package dev.weft.engine.text;

import dev.weft.engine.tensor.Weights;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes of a CLIP text transformer.
 *
 * <p>Everything except the head count is read from weight shapes by {@link #infer(Weights)}. The
 * head count cannot be: attention weights have the same shape for any number of heads. Every
 * released CLIP text model (OpenAI ViT-L/14 768/12, OpenCLIP ViT-H 1024/16, ViT-bigG 1280/20) uses
 * 64-wide heads, so the loader infers {@code heads = hidden / 64}; models with other heads (tiny test
 * models, e.g. width 32 with 2 heads) must say so with {@link #infer(Weights, int)}.
 *
 * @param hiddenSize       model width C
 * @param layers           encoder layers
 * @param heads            attention heads (divides {@code hiddenSize})
 * @param intermediateSize MLP width
 * @param vocabSize        rows of the token embedding
 * @param maxPositions     rows of the position embedding (77): the longest sequence
 * @param layerNormEps     LayerNorm epsilon (1e-5)
 * @param activation       MLP activation
 */
public record ClipTextConfig(int hiddenSize, int layers, int heads, int intermediateSize, int vocabSize,
                             int maxPositions, float layerNormEps, ClipActivation activation) {
    /** Head width of every released CLIP text model. */
    public static final int STANDARD_HEAD_WIDTH = 64;

    private static final Pattern LAYER_KEY = Pattern.compile("encoder\\.layers\\.(\\d+)\\.");

    public ClipTextConfig {
        if (hiddenSize <= 0 || layers <= 0 || heads <= 0 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException("invalid CLIP config: width " + hiddenSize + ", " + layers
                    + " layers, " + heads + " heads (heads must divide the width)");
        }
    }

    /** Width of one attention head. */
    public int headWidth() {
        return hiddenSize / heads;
    }

    /**
     * Sizes of the text model whose weights are {@code textModel} (keys relative to
     * {@code text_model.}, see {@link ClipTextModel#textModelWeights}), with 64-wide heads.
     *
     * @throws IllegalArgumentException if the width is not a multiple of 64 (then give the heads)
     */
    public static ClipTextConfig infer(Weights textModel) {
        int width = width(textModel);
        if (width % STANDARD_HEAD_WIDTH != 0) {
            throw new IllegalArgumentException("CLIP text encoder width " + width + " is not a multiple of "
                    + STANDARD_HEAD_WIDTH + ", so its head count cannot be inferred; give it explicitly");
        }
        return infer(textModel, width / STANDARD_HEAD_WIDTH);
    }

    /**
     * Sizes read from weight shapes, with an explicit head count. Quick-GELU and eps 1e-5 (SD 1.x's
     * CLIP; the weights do not record them).
     *
     * @throws Weights.MissingWeightException if a required tensor is absent
     */
    public static ClipTextConfig infer(Weights textModel, int heads) {
        long[] tok = textModel.get("embeddings.token_embedding.weight").getShape().getShape();
        long[] pos = textModel.get("embeddings.position_embedding.weight").getShape().getShape();
        long[] fc1 = textModel.get("encoder.layers.0.mlp.fc1.weight").getShape().getShape();
        return new ClipTextConfig((int) tok[1], countLayers(textModel), heads, (int) fc1[0], (int) tok[0],
                (int) pos[0], 1e-5f, ClipActivation.QUICK_GELU);
    }

    private static int width(Weights textModel) {
        return (int) textModel.get("embeddings.token_embedding.weight").getShape().get(1);
    }

    private static int countLayers(Weights textModel) {
        int max = -1;
        for (String k : textModel.keys()) {
            Matcher m = LAYER_KEY.matcher(k);
            if (m.lookingAt()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        for (int i = 0; i <= max; i++) {
            textModel.get("encoder.layers." + i + ".self_attn.q_proj.weight");
        }
        if (max < 0) {
            throw new Weights.MissingWeightException("encoder.layers.0.self_attn.q_proj.weight");
        }
        return max + 1;
    }
}
