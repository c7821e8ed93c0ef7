package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.SafetensorsWriter;
import dev.weft.engine.tensor.SafetensorsWriter.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunking and textual inversion on the miniature vocabulary of {@link ClipBpeTokenizerTest}
 * ("low" = 11, "," = 16, start 14, end 15), so these run without the real vocabulary.
 */
class PromptTokenizerTest {
    private static final int LOW = 11;
    private static final int COMMA = 16;
    private static final int START = 14;
    private static final int END = 15;

    @TempDir
    Path dir;
    private Path embeddings;
    private PromptTokenizer tokenizer;

    @BeforeEach
    void setUp() throws Exception {
        embeddings = Files.createDirectories(dir.resolve("embeddings"));
        // "style": two vectors of width 4, the A1111 layout (one tensor called emb_params).
        write(embeddings.resolve("style.safetensors"), Map.of("emb_params", new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
        tokenizer = new PromptTokenizer(ClipBpeTokenizerTest.tiny(), EmbeddingLibrary.sd1(List.of(embeddings)));
    }

    static void write(Path file, Map<String, float[][]> tensors) throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, float[][]> t : tensors.entrySet()) {
            float[][] rows = t.getValue();
            float[] flat = new float[rows.length * rows[0].length];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
            }
            entries.add(Entry.ofFloats(t.getKey(), DType.F16, new long[] {rows.length, rows[0].length}, flat));
        }
        SafetensorsWriter.write(file, entries, Map.of());
    }

    private static int[] ids(List<PromptToken> chunk, int n) {
        return chunk.subList(0, n).stream().mapToInt(PromptToken::id).toArray();
    }

    private static int[] wordIds(List<PromptToken> chunk, int n) {
        return chunk.subList(0, n).stream().mapToInt(PromptToken::wordId).toArray();
    }

    @Test
    void anEmbeddingTakesOnePositionPerVectorAndItsOwnWordId() {
        TokenizedPrompt p = tokenizer.tokenize("low embedding:style low");
        List<PromptToken> c = p.chunks().get(0);
        assertEquals(77, c.size());
        assertArrayEquals(new int[] {START, LOW, -1, -1, LOW, END, END}, ids(c, 7));
        assertArrayEquals(new int[] {0, 1, 2, 2, 3, 0, 0}, wordIds(c, 7));
        assertEquals("style", c.get(2).embedding().name());
        assertArrayEquals(new float[] {5, 6, 7, 8}, c.get(3).embedding().row(c.get(3).row()));
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void anEmbeddingInsideAWeightTakesTheWeight() {
        List<PromptToken> c = tokenizer.tokenize("(embedding:style:1.2) low").chunks().get(0);
        assertEquals(1.2, c.get(1).weight());
        assertEquals(1.2, c.get(2).weight());
        assertEquals(1.0, c.get(3).weight());
    }

    @Test
    void aCommaAfterTheNameGoesBackToTheText() {
        List<PromptToken> c = tokenizer.tokenize("low embedding:style, low").chunks().get(0);
        assertArrayEquals(new int[] {START, LOW, -1, -1, COMMA, LOW, END}, ids(c, 7));
    }

    @Test
    void aMissingEmbeddingIsDroppedWithAWarningAndTheTextAfterItKept() {
        TokenizedPrompt p = tokenizer.tokenize("low embedding:nothing low");
        assertArrayEquals(new int[] {START, LOW, LOW, END}, ids(p.chunks().get(0), 4));
        assertArrayEquals(new int[] {0, 1, 2, 0}, wordIds(p.chunks().get(0), 4));
        assertEquals(1, p.warnings().size());
        assertTrue(p.warnings().get(0).contains("embedding:nothing"), p.warnings().get(0));
    }

    @Test
    void embeddingsInSubFoldersAreFoundButNamesCannotLeaveTheFolder() throws Exception {
        write(Files.createDirectories(embeddings.resolve("sub")).resolve("deep.safetensors"), Map.of("x", new float[][] {{9, 9}}));
        write(dir.resolve("outside.safetensors"), Map.of("x", new float[][] {{7, 7}}));
        assertEquals(-1, tokenizer.tokenize("embedding:deep").chunks().get(0).get(1).id());
        assertEquals(-1, tokenizer.tokenize("embedding:sub/deep").chunks().get(0).get(1).id());
        TokenizedPrompt escaped = tokenizer.tokenize("embedding:../outside");
        assertEquals(END, escaped.chunks().get(0).get(1).id());
        assertEquals(1, escaped.warnings().size());
    }

    @Test
    void theModelsOwnKeyWinsInMultiModelFiles() throws Exception {
        write(embeddings.resolve("both.safetensors"), Map.of("clip_g", new float[][] {{1, 1, 1}}, "clip_l", new float[][] {{2, 2}}));
        write(embeddings.resolve("bundle.safetensors"), Map.of(
                "bundle_emb.b.string_to_param.*", new float[][] {{3, 3}}, "lora_unet_x.alpha", new float[][] {{0}}));
        PromptToken both = tokenizer.tokenize("embedding:both").chunks().get(0).get(1);
        assertArrayEquals(new float[] {2, 2}, both.embedding().row(0));
        PromptToken bundle = tokenizer.tokenize("embedding:bundle").chunks().get(0).get(1);
        assertArrayEquals(new float[] {3, 3}, bundle.embedding().row(0));
    }

    @Test
    void aPickledEmbeddingIsRefusedWithAnExplanation() throws Exception {
        Files.write(embeddings.resolve("old.pt"), new byte[] {1, 2, 3});
        EmbeddingLibrary.EmbeddingException e = assertThrows(EmbeddingLibrary.EmbeddingException.class,
                () -> tokenizer.tokenize("embedding:old"));
        assertTrue(e.getMessage().contains("old.pt") && e.getMessage().contains(".safetensors"), e.getMessage());
    }

    @Test
    void aCorruptEmbeddingFileIsAnErrorNamingIt() throws Exception {
        Files.write(embeddings.resolve("broken.safetensors"), new byte[] {1, 2, 3});
        EmbeddingLibrary.EmbeddingException e = assertThrows(EmbeddingLibrary.EmbeddingException.class,
                () -> tokenizer.tokenize("embedding:broken"));
        assertTrue(e.getMessage().contains("broken.safetensors"), e.getMessage());
    }

    @Test
    void embeddingWithoutANameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.tokenize("low embedding:"));
    }

    @Test
    void aShortGroupThatDoesNotFitMovesWholeToTheNextChunk() {
        // 70 tokens, then a weighted group of 7: only 5 places are left, and 7 < 8 keeps it whole.
        TokenizedPrompt p = tokenizer.tokenize("low ".repeat(70) + "(" + "low ".repeat(7) + ")");
        assertEquals(2, p.chunks().size());
        List<PromptToken> first = p.chunks().get(0);
        assertEquals(END, first.get(71).id());
        assertEquals(1.0, first.get(71).weight());
        assertEquals(0, first.get(76).wordId());
        List<PromptToken> second = p.chunks().get(1);
        assertArrayEquals(new int[] {START, LOW, LOW, LOW, LOW, LOW, LOW, LOW, END}, ids(second, 9));
        assertEquals(2, second.get(1).wordId());
        assertEquals(1.1, second.get(1).weight());
    }

    @Test
    void aLongGroupIsSplitAtTheChunkBoundary() {
        TokenizedPrompt p = tokenizer.tokenize("low ".repeat(70) + "(" + "low ".repeat(8) + ")");
        assertEquals(2, p.chunks().size());
        List<PromptToken> first = p.chunks().get(0);
        assertEquals(1.1, first.get(71).weight());
        assertEquals(1.1, first.get(75).weight());
        assertEquals(END, first.get(76).id());
        assertArrayEquals(new int[] {START, LOW, LOW, LOW, END}, ids(p.chunks().get(1), 5));
        assertEquals(2, p.chunks().get(1).get(1).wordId());
    }

    @Test
    void embeddingVectorsCountAsTokensWhenChunking() throws Exception {
        float[][] rows = new float[10][2];
        write(embeddings.resolve("long.safetensors"), Map.of("emb_params", rows));
        TokenizedPrompt p = tokenizer.tokenize("low ".repeat(70) + "embedding:long");
        assertEquals(2, p.chunks().size());
        assertEquals(-1, p.chunks().get(0).get(75).id());
        assertEquals(-1, p.chunks().get(1).get(5).id());
        assertEquals(END, p.chunks().get(1).get(6).id());
    }

    @Test
    void anEmptyPromptIsStartEndAndPadding() {
        TokenizedPrompt p = tokenizer.tokenize("");
        assertEquals(1, p.chunks().size());
        assertArrayEquals(new int[] {START, END, END}, ids(p.chunks().get(0), 3));
        assertEquals(false, p.hasWeights());
    }
}
