package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.tensor.Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The encoder on the tiny golden CLIP (width 32, 3 layers, 2 heads). */
class ClipTextEncoderTest {
    private static final int CAT = 2368;
    private static final int[] A_PHOTO_OF_A = {320, 1125, 539, 320};

    private static NDManager root;
    private static WeightMap weights;
    private static ClipTextModel model;

    @BeforeAll
    static void load() throws Exception {
        TensorRuntime.ensureInit();
        root = NDManager.newBaseManager();
        weights = CompactClipWeights.load(GoldenFiles.dir("clip_tiny"), root);
        model = ClipTextModel.fromCheckpoint(weights, 2);
    }

    @AfterAll
    static void free() {
        weights.close();
        root.close();
    }

    /** [start, ids..., end, pad...] of 77 with weight 1. */
    private static List<PromptToken> chunk(int... ids) {
        List<PromptToken> c = new ArrayList<>();
        c.add(PromptToken.ofId(ClipTextEncoder.START, 1.0, 0));
        for (int id : ids) {
            c.add(PromptToken.ofId(id, 1.0, 1));
        }
        while (c.size() < 77) {
            c.add(PromptToken.ofId(ClipTextEncoder.END, 1.0, 0));
        }
        return c;
    }

    private static TextConditioning encode(List<PromptToken> chunk, ClipLayer layer, NDManager m) {
        return new ClipTextEncoder(model).encode(new TokenizedPrompt(List.of(chunk), List.of()), layer, m);
    }

    private static TextualInversion embeddingOf(float[] values, int width) {
        return new TextualInversion("vec", Path.of("vec.safetensors"), width, values);
    }

    @Test
    void configIsReadFromWeightShapes() {
        ClipTextConfig c = model.config();
        assertEquals(new ClipTextConfig(32, 3, 2, 128, 49408, 77, 1e-5f, ClipActivation.QUICK_GELU), c);
        assertEquals(16, c.headWidth());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipTextModel.fromCheckpoint(weights));
        assertTrue(e.getMessage().contains("32"), e.getMessage());
    }

    @Test
    void aCheckpointWithoutClipIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClipTextModel.textModelWeights(weights.prefixed("model.diffusion_model.")));
        assertTrue(e.getMessage().contains(ClipTextModel.CHECKPOINT_PREFIX), e.getMessage());
    }

    @Test
    void theOlderCheckpointLayoutWithoutTextModelGivesTheSameResult() {
        Weights legacy = renamed(weights, ClipTextModel.CHECKPOINT_PREFIX, ClipTextModel.LEGACY_CHECKPOINT_PREFIX);
        ClipTextModel old = ClipTextModel.fromCheckpoint(legacy, 2);
        try (NDManager m = root.newSubManager()) {
            NDArray a = new ClipTextEncoder(model).encode(new TokenizedPrompt(List.of(chunk(A_PHOTO_OF_A)), List.of()),
                    ClipLayer.LAST, m).cond();
            NDArray b = new ClipTextEncoder(old).encode(new TokenizedPrompt(List.of(chunk(A_PHOTO_OF_A)), List.of()),
                    ClipLayer.LAST, m).cond();
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        }
    }

    @Test
    void clipSkipMinusOneIsTheLastLayerAndMinusTwoIsNot() {
        try (NDManager m = root.newSubManager()) {
            float[] last = encode(chunk(A_PHOTO_OF_A), ClipLayer.LAST, m).cond().toFloatArray();
            float[] skip1 = encode(chunk(A_PHOTO_OF_A), ClipLayer.stopAt(-1), m).cond().toFloatArray();
            float[] skip2 = encode(chunk(A_PHOTO_OF_A), ClipLayer.stopAt(-2), m).cond().toFloatArray();
            float[] beyond = encode(chunk(A_PHOTO_OF_A), ClipLayer.stopAt(-24), m).cond().toFloatArray();
            assertArrayEquals(last, skip1);
            assertArrayEquals(last, beyond, "|layer| > layers means the last layer, as in ComfyUI");
            assertNotEquals(last[100], skip2[100]);
        }
    }

    @Test
    void layerIndicesResolveLikeComfyUi() {
        assertEquals(Optional.empty(), box(ClipLayer.LAST.outputLayer(12)));
        assertEquals(Optional.of(11), box(ClipLayer.stopAt(-1).outputLayer(12)));
        assertEquals(Optional.of(10), box(ClipLayer.stopAt(-2).outputLayer(12)));
        assertEquals(Optional.of(0), box(ClipLayer.stopAt(-12).outputLayer(12)));
        assertEquals(Optional.empty(), box(ClipLayer.stopAt(-13).outputLayer(12)));
        assertEquals(Optional.of(3), box(ClipLayer.hidden(3).outputLayer(12)));
        assertThrows(IllegalArgumentException.class, () -> ClipLayer.hidden(12).outputLayer(12));
    }

    private static Optional<Integer> box(OptionalInt i) {
        return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
    }

    @Test
    void anEmbeddingVectorEqualToATokenRowEncodesLikeThatToken() {
        float[] catRow = weights.get(ClipTextModel.CHECKPOINT_PREFIX + "embeddings.token_embedding.weight")
                .get(CAT).toFloatArray();
        List<PromptToken> withVector = new ArrayList<>(chunk(A_PHOTO_OF_A));
        withVector.add(5, PromptToken.ofEmbedding(embeddingOf(catRow, 32), 0, 1.3, 2));
        withVector.remove(withVector.size() - 1);
        List<PromptToken> withToken = new ArrayList<>(chunk(320, 1125, 539, 320, CAT));
        withToken.set(5, PromptToken.ofId(CAT, 1.3, 2));
        try (NDManager m = root.newSubManager()) {
            TextConditioning a = encode(withVector, ClipLayer.LAST, m);
            TextConditioning b = encode(withToken, ClipLayer.LAST, m);
            assertArrayEquals(b.cond().toFloatArray(), a.cond().toFloatArray());
            assertArrayEquals(b.pooled().toFloatArray(), a.pooled().toFloatArray());
            assertEquals(List.of(), a.warnings());
        }
    }

    @Test
    void anEmbeddingOfAnotherWidthIsDroppedWithAWarningAndTheChunkPadded() {
        List<PromptToken> withVector = new ArrayList<>(chunk(A_PHOTO_OF_A));
        withVector.add(5, PromptToken.ofEmbedding(embeddingOf(new float[16], 16), 0, 1.0, 2));
        withVector.remove(withVector.size() - 1);
        try (NDManager m = root.newSubManager()) {
            TextConditioning a = encode(withVector, ClipLayer.LAST, m);
            TextConditioning b = encode(chunk(A_PHOTO_OF_A), ClipLayer.LAST, m);
            assertArrayEquals(b.cond().toFloatArray(), a.cond().toFloatArray());
            assertEquals(1, a.warnings().size());
            assertTrue(a.warnings().get(0).contains("width 16"), a.warnings().get(0));
        }
    }

    @Test
    void chunksAreConcatenatedAlongTokensAndPooledComesFromTheFirst() {
        List<PromptToken> first = chunk(A_PHOTO_OF_A);
        List<PromptToken> second = chunk(CAT);
        try (NDManager m = root.newSubManager()) {
            TextConditioning both = new ClipTextEncoder(model).encode(
                    new TokenizedPrompt(List.of(first, second), List.of()), ClipLayer.LAST, m);
            assertArrayEquals(new long[] {1, 154, 32}, both.cond().getShape().getShape());
            assertArrayEquals(new long[] {1, 32}, both.pooled().getShape().getShape());
            float[] one = encode(first, ClipLayer.LAST, m).cond().toFloatArray();
            float[] two = encode(second, ClipLayer.LAST, m).cond().toFloatArray();
            float[] all = both.cond().toFloatArray();
            assertArrayEquals(one, Arrays.copyOfRange(all, 0, one.length));
            assertArrayEquals(two, Arrays.copyOfRange(all, one.length, all.length));
            // Pooled = final output at the first end token (position 5 of chunk one).
            assertArrayEquals(Arrays.copyOfRange(one, 5 * 32, 6 * 32), both.pooled().toFloatArray());
        }
    }

    @Test
    void weightsAreLookedUpOnEveryForward() {
        String key = ClipTextModel.CHECKPOINT_PREFIX + "final_layer_norm.bias";
        try (NDManager m = root.newSubManager()) {
            float[] before = encode(chunk(A_PHOTO_OF_A), ClipLayer.LAST, m).cond().toFloatArray();
            NDArray original = weights.get(key);
            NDArray saved = original.duplicate();
            saved.attach(m);
            weights.put(key, original.add(1f));
            try {
                float[] after = encode(chunk(A_PHOTO_OF_A), ClipLayer.LAST, m).cond().toFloatArray();
                assertEquals(before[0] + 1f, after[0], 1e-5f);
            } finally {
                NDArray restore = saved.duplicate();
                weights.put(key, restore);
            }
        }
    }

    @Test
    void anIdOutsideTheVocabularyIsAClearError() {
        try (NDManager m = root.newSubManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> encode(chunk(49408), ClipLayer.LAST, m));
            assertTrue(e.getMessage().contains("49408"), e.getMessage());
        }
    }

    @Test
    void intermediateArraysAreFreed() {
        int weightArrays = weights.manager().getManagedArrays().size();
        try (NDManager m = root.newSubManager()) {
            encode(chunk(320, 1125, 539, 320, CAT), ClipLayer.stopAt(-2), m);
            int afterOne = m.getManagedArrays().size();
            List<PromptToken> heavy = new ArrayList<>(chunk(CAT));
            heavy.set(1, PromptToken.ofId(CAT, 1.5, 1));
            TokenizedPrompt weighted = new TokenizedPrompt(List.of(heavy, chunk(CAT)), List.of());
            new ClipTextEncoder(model).encode(weighted, ClipLayer.stopAt(-2), m);
            // Each encode leaves exactly its two outputs (cond and pooled) in the caller's manager...
            assertEquals(afterOne + 2, m.getManagedArrays().size());
        }
        // ...and nothing in the manager that owns the weights.
        assertEquals(weightArrays, weights.manager().getManagedArrays().size());
    }

    /** A view of {@code base} in which keys under {@code from} appear under {@code to} instead. */
    private static Weights renamed(Weights base, String from, String to) {
        return new Weights() {
            @Override
            public Optional<NDArray> find(String key) {
                return key.startsWith(to) && !key.startsWith(from)
                        ? base.find(from + key.substring(to.length())) : Optional.empty();
            }

            @Override
            public Set<String> keys() {
                Set<String> out = new TreeSet<>();
                for (String k : base.keys()) {
                    out.add(k.startsWith(from) ? to + k.substring(from.length()) : k);
                }
                return out;
            }
        };
    }
}
