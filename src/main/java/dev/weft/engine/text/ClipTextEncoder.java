package dev.weft.engine.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns tokenized prompts into SD 1.x conditioning, as ComfyUI's {@code SDClipModel} and
 * {@code encode_token_weights} do:
 * <ul>
 *   <li>every chunk (and, if any weight is not 1, an empty prompt {@code [start, end, pad...]}) goes
 *       through the transformer in one batch;</li>
 *   <li>embedding vectors replace token embeddings at their positions; vectors whose width is not
 *       the model's are dropped with a warning and the chunk is padded at its end instead;</li>
 *   <li>the pooled vector is the final-LayerNorm output at the first end token (counting
 *       embedding vectors before it), for chunk 0 only;</li>
 *   <li>a token of weight {@code w != 1} becomes {@code (z - z_empty)·w + z_empty}, {@code z_empty}
 *       being the empty prompt's state at the same position;</li>
 *   <li>chunks are concatenated along the token axis.</li>
 * </ul>
 * Holds no arrays. Engine thread only.
 */
public final class ClipTextEncoder {
    /** SD 1.x's start token. */
    public static final int START = 49406;
    /** SD 1.x's end token; also the padding. */
    public static final int END = 49407;

    private static final System.Logger LOG = System.getLogger(ClipTextEncoder.class.getName());

    private final ClipTextModel model;

    public ClipTextEncoder(ClipTextModel model) {
        this.model = Objects.requireNonNull(model);
    }

    public ClipTextModel model() {
        return model;
    }

    /**
     * Raw encoder outputs of a batch of sequences.
     *
     * @param hidden   {@code [B, T, C]} the chosen layer, final LayerNorm applied
     * @param pooled   {@code [B, C]} final-LayerNorm output at each sequence's first end token
     * @param warnings embeddings that could not be used
     */
    public record Encoded(NDArray hidden, NDArray pooled, List<String> warnings) {
    }

    /**
     * Encodes sequences of equal length in one batch (ComfyUI's {@code SDClipModel.forward}).
     *
     * @param sequences B sequences of T positions each, {@code T <= 77}
     * @param layer     which hidden state to return
     * @param manager   owner of the outputs
     */
    public Encoded forward(List<List<PromptToken>> sequences, ClipLayer layer, NDManager manager) {
        int b = sequences.size();
        int t = sequences.get(0).size();
        int c = model.config().hiddenSize();
        for (List<PromptToken> s : sequences) {
            if (s.size() != t) {
                throw new IllegalArgumentException("all sequences of a batch need the same length (" + t + " vs "
                        + s.size() + ")");
            }
        }
        Layout layout = new Layout(c);
        long[] pooledRows = new long[b];
        for (int s = 0; s < b; s++) {
            int used = layout.add(sequences.get(s));
            pooledRows[s] = (long) s * t + (used > 0 ? used - 1 : t - 1);
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray embeds = layout.embeddings(manager).reshape(b, t, c);
            ClipTextModel.Output out = model.forward(embeds, layer, manager);
            NDArray pooled;
            try (NDArray rows = manager.create(pooledRows)) {
                pooled = out.last().reshape(b * (long) t, c).get(manager, new NDIndex("{}", rows));
            }
            if (out.last() != out.hidden()) {
                out.last().close();
            }
            NDScope.unregister(pooled);
            return new Encoded(out.hidden(), pooled, layout.warnings());
        }
    }

    /**
     * {@code CLIPTextEncode}: the conditioning of a tokenized prompt at a CLIP layer.
     *
     * @param manager owner of the returned arrays; intermediates are freed
     */
    public TextConditioning encode(TokenizedPrompt prompt, ClipLayer layer, NDManager manager) {
        List<List<PromptToken>> chunks = prompt.chunks();
        int k = chunks.size();
        int t = chunks.get(0).size();
        boolean weighted = prompt.hasWeights();
        List<List<PromptToken>> batch = new ArrayList<>(chunks);
        if (weighted) {
            batch.add(emptyPrompt(t));
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Encoded e = forward(batch, layer, manager);
            NDScope.register(e.hidden());
            NDScope.register(e.pooled());
            NDArray z = e.hidden().get(new NDIndex("0:" + k));
            if (weighted) {
                z = applyWeights(z, e.hidden().get(k), chunks, manager);
            }
            NDArray cond = z.reshape(1, (long) k * t, model.config().hiddenSize());
            NDArray pooled = e.pooled().get(new NDIndex("0:1"));
            NDScope.unregister(cond, pooled);
            cond.attach(manager);
            pooled.attach(manager);
            List<String> warnings = new ArrayList<>(prompt.warnings());
            warnings.addAll(e.warnings());
            return new TextConditioning(cond, pooled, warnings);
        }
    }

    /** {@code z' = (z - zEmpty)·w + zEmpty} where {@code w != 1}, {@code z} unchanged elsewhere. */
    private static NDArray applyWeights(NDArray z, NDArray zEmpty, List<List<PromptToken>> chunks, NDManager m) {
        int k = chunks.size();
        int t = chunks.get(0).size();
        float[] w = new float[k * t];
        boolean[] changed = new boolean[k * t];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < t; j++) {
                double weight = chunks.get(c).get(j).weight();
                w[c * t + j] = (float) weight;
                changed[c * t + j] = weight != 1.0;
            }
        }
        NDArray weights = m.create(w, new Shape(k, t, 1));
        NDArray mask = m.create(changed, new Shape(k, t, 1));
        NDArray scaled = z.sub(zEmpty).mul(weights).add(zEmpty);
        return NDArrays.where(mask.broadcast(z.getShape()), scaled, z);
    }

    private static List<PromptToken> emptyPrompt(int length) {
        List<PromptToken> out = new ArrayList<>(length);
        out.add(PromptToken.ofId(START, 1.0, 0));
        while (out.size() < length) {
            out.add(PromptToken.ofId(END, 1.0, 0));
        }
        return out;
    }

    /**
     * Where each position's input vector comes from: a vocabulary row or an embedding vector, with
     * ComfyUI's count of "used" positions (up to the first end token, plus embedding vectors).
     */
    private final class Layout {
        private final int width;
        private final List<Long> ids = new ArrayList<>();
        private final List<float[]> vectors = new ArrayList<>();
        /** Per position: index into ids (>= 0) or -(1 + index into vectors). */
        private final List<Integer> source = new ArrayList<>();
        private final Set<String> warnings = new LinkedHashSet<>();

        Layout(int width) {
            this.width = width;
        }

        /** Lays out one sequence; returns its number of used positions. */
        int add(List<PromptToken> sequence) {
            boolean ended = false;
            int used = 0;
            int dropped = 0;
            for (PromptToken tok : sequence) {
                if (!tok.isEmbedding()) {
                    if (!ended) {
                        used++;
                        ended = tok.id() == END;
                    }
                    source.add(ids.size());
                    ids.add((long) tok.id());
                } else if (tok.embedding().width() == width) {
                    used++;
                    source.add(-(1 + vectors.size()));
                    vectors.add(tok.embedding().row(tok.row()));
                } else {
                    dropped++;
                    String w = "embedding:" + tok.embedding().name() + " has vectors of width "
                            + tok.embedding().width() + " but this CLIP text encoder is " + width
                            + " wide (an embedding for another model?); it was ignored";
                    if (warnings.add(w)) {
                        LOG.log(Level.WARNING, w);
                    }
                }
            }
            for (int i = 0; i < dropped; i++) {
                source.add(ids.size());
                ids.add((long) END);
            }
            return used;
        }

        /** {@code [positions, C]}: token rows gathered in one lookup, embedding vectors spliced in. */
        NDArray embeddings(NDManager m) {
            long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
            NDArray rows = model.embedTokens(idArray, m);
            if (vectors.isEmpty()) {
                return rows;
            }
            float[] flat = new float[vectors.size() * width];
            for (int i = 0; i < vectors.size(); i++) {
                System.arraycopy(vectors.get(i), 0, flat, i * width, width);
            }
            NDArray table = rows.concat(m.create(flat, new Shape(vectors.size(), width)), 0);
            long[] pick = new long[source.size()];
            for (int i = 0; i < pick.length; i++) {
                int s = source.get(i);
                pick[i] = s >= 0 ? s : ids.size() + (-s - 1);
            }
            try (NDArray idx = m.create(pick)) {
                return table.get(m, new NDIndex("{}", idx));
            }
        }

        List<String> warnings() {
            return List.copyOf(warnings);
        }
    }
}
