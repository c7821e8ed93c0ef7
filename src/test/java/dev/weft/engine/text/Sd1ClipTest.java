package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt text to conditioning through the real vocabulary and the tiny golden CLIP. */
class Sd1ClipTest {
    @TempDir
    Path embeddings;

    @Test
    void aTextualInversionFileReplacesItsNameByItsVectors() throws Exception {
        TensorRuntime.ensureInit();
        Path tokenizerDir = GoldenFiles.dir("tokenizer");
        try (NDManager root = NDManager.newBaseManager();
             WeightMap weights = CompactClipWeights.load(GoldenFiles.dir("clip_tiny"), root)) {
            float[] cat = weights.get(ClipTextModel.CHECKPOINT_PREFIX + "embeddings.token_embedding.weight")
                    .get(2368).toFloatArray();
            // Saved the way SDXL-era files are: the vector for this model under clip_l, another model's beside it.
            PromptTokenizerTest.write(embeddings.resolve("catvec.safetensors"),
                    Map.of("clip_l", new float[][] {cat}, "clip_g", new float[][] {new float[48]}));
            try (SafetensorsFile f = SafetensorsFile.open(embeddings.resolve("catvec.safetensors"))) {
                cat = f.readFloats("clip_l"); // the file stores fp16: compare against what was stored
            }
            PromptTokenizer tokenizer = new PromptTokenizer(new ClipBpeTokenizer(ClipVocabulary.load(tokenizerDir)),
                    EmbeddingLibrary.sd1(List.of(embeddings)));
            Sd1Clip clip = Sd1Clip.of(tokenizer, ClipTextModel.fromCheckpoint(weights, 2)).withLastLayer(-2);
            assertEquals(ClipLayer.hidden(-2), clip.layer());

            TokenizedPrompt p = clip.tokenize("a photo of a (embedding:catvec:1.2)");
            PromptToken vector = p.chunks().get(0).get(5);
            assertTrue(vector.isEmbedding());
            assertArrayEquals(cat, vector.embedding().row(0));
            assertEquals(1.2, vector.weight());

            try (NDManager m = root.newSubManager()) {
                // The same prompt with the vocabulary's "cat" row swapped for the stored (fp16-rounded) vector.
                weights.put(ClipTextModel.CHECKPOINT_PREFIX + "embeddings.token_embedding.weight",
                        withRow(weights, 2368, cat, m));
                TextConditioning viaEmbedding = clip.encode("a photo of a (embedding:catvec:1.2)", m);
                TextConditioning viaToken = clip.encode("a photo of a (cat:1.2)", m);
                assertArrayEquals(new long[] {1, 77, 32}, viaEmbedding.cond().getShape().getShape());
                assertArrayEquals(viaToken.cond().toFloatArray(), viaEmbedding.cond().toFloatArray());
                assertArrayEquals(viaToken.pooled().toFloatArray(), viaEmbedding.pooled().toFloatArray());
                assertEquals(List.of(), viaEmbedding.warnings());
            }
        }
    }

    private static NDArray withRow(WeightMap w, int row, float[] values, NDManager m) {
        NDArray table = w.get(ClipTextModel.CHECKPOINT_PREFIX + "embeddings.token_embedding.weight")
                .duplicate();
        table.set(new NDIndex(row), m.create(values));
        return table;
    }
}
