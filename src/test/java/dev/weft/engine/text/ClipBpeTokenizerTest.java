package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import dev.weft.engine.golden.GoldenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BPE mechanics on a hand-made vocabulary, and vocabulary digests on the real one. */
class ClipBpeTokenizerTest {
    /**
     * A miniature CLIP vocabulary: ids 0..9 are the symbols below, then the merges' results.
     * Merges (by rank): "l o" → "lo", "lo w</w>" → "low</w>", "e r</w>" → "er</w>", "lo w" → "low",
     * and the two byte characters of 'é' at a word end.
     */
    static final String VOCAB = "{\"l\": 0, \"o\": 1, \"w\": 2, \"e\": 3, \"r</w>\": 4, \"w</w>\": 5, \"!</w>\": 6, "
            + "\"!\": 7, \"\u0120\": 8, \"\u00c3\u00a9</w>\": 9, \"lo\": 10, \"low</w>\": 11, \"er</w>\": 12, \"low\": 13, "
            + "\"<|startoftext|>\": 14, \"<|endoftext|>\": 15, \",</w>\": 16}";
    static final String MERGES = "#version: 0.2\nl o\nlo w</w>\ne r</w>\nlo w\n\u00c3 \u00a9</w>\n";

    static ClipBpeTokenizer tiny() throws Exception {
        return new ClipBpeTokenizer(ClipVocabulary.parse(VOCAB, MERGES, "vocab", "merges"));
    }

    @Test
    void mergesApplyLowestRankFirstAndMarkTheWordEnd() throws Exception {
        ClipBpeTokenizer t = tiny();
        assertArrayEquals(new int[] {11}, t.encode("low"));
        assertArrayEquals(new int[] {13, 12}, t.encode("lower"));
        assertArrayEquals(new int[] {11, 11}, t.encode("LOW low"));
    }

    @Test
    void piecesMissingFromTheVocabularyBecomeTheEndToken() throws Exception {
        assertArrayEquals(new int[] {15}, tiny().encode("z"));
    }

    @Test
    void punctuationRunsAreOneWordAndSpecialTokensAreKept() throws Exception {
        ClipBpeTokenizer t = tiny();
        assertArrayEquals(new int[] {11, 6}, t.encode("low!"));
        assertArrayEquals(new int[] {7, 6}, t.encode("!!"));
        assertArrayEquals(new int[] {11, 15, 14, 11}, t.encode("low<|endoftext|><|startoftext|>low"));
        assertArrayEquals(new int[] {15}, t.encode("<|ENDOFTEXT|>"), "lower-cased literal still matches");
    }

    @Test
    void wordsAreMappedByteWiseSoAccentsSurvive() throws Exception {
        // 'é' is the two UTF-8 bytes C3 A9, which map to the characters U+00C3 U+00A9.
        assertArrayEquals(new int[] {9}, tiny().encode("\u00e9"));
        assertArrayEquals(new int[] {9}, tiny().encode("e\u0301"), "NFC joins e + combining acute");
    }

    @Test
    void controlCharactersAreDroppedAndWhitespaceSeparates() throws Exception {
        ClipBpeTokenizer t = tiny();
        assertArrayEquals(new int[] {11, 11}, t.encode("low\u0000\u200b\tlow"));
        assertArrayEquals(new int[] {11, 11}, t.encode("low\u2028low"));
        assertArrayEquals(new int[] {11}, t.encode("lo\u00adw"), "soft hyphen is a format character");
    }

    @Test
    void aVocabularyWithoutCliPMarkersIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClipBpeTokenizer(ClipVocabulary.parse("{\"a\": 0}", "#version: 0.2\n", "v", "m")));
    }

    @Test
    void malformedFilesAreReportedByName() {
        Exception e = assertThrows(java.io.IOException.class,
                () -> ClipVocabulary.parse("[1,2]", MERGES, "my/vocab.json", "m"));
        assertEquals(true, e.getMessage().contains("my/vocab.json"));
        e = assertThrows(java.io.IOException.class,
                () -> ClipVocabulary.parse(VOCAB, "#version: 0.2\nl o\nbad\n", "v", "my/merges.txt"));
        assertEquals(true, e.getMessage().contains("my/merges.txt line 3"));
    }

    @Test
    void theRealVocabularyHasTheDigestsWeftExpects() throws Exception {
        ClipVocabulary v = ClipVocabulary.load(GoldenFiles.dir("tokenizer"));
        assertEquals(49408, v.size());
        assertEquals(ClipVocabulary.MAX_MERGES, v.mergeCount());
        assertEquals(TokenizerFiles.CLIP_VIT_L14.vocab(), v.vocabDigest());
        assertEquals(TokenizerFiles.CLIP_VIT_L14.merges(), v.mergesDigest());
    }

    @Test
    void digestsIgnoreJsonLayoutAndLineEndsButNotContent() throws Exception {
        Path dir = GoldenFiles.dir("tokenizer");
        String vocab = Files.readString(dir.resolve(TokenizerFiles.VOCAB));
        String merges = Files.readString(dir.resolve(TokenizerFiles.MERGES));
        Map<String, Integer> map = new Gson().fromJson(vocab, new TypeToken<LinkedHashMap<String, Integer>>() { }.getType());
        // The hub publishes the same map as one compact line; a Windows checkout may use CRLF.
        String compact = new GsonBuilder().disableHtmlEscaping().create().toJson(map);
        ClipVocabulary v = ClipVocabulary.parse(compact, merges.replace("\n", "\r\n"), "v", "m");
        assertEquals(TokenizerFiles.CLIP_VIT_L14.vocab(), v.vocabDigest());
        assertEquals(TokenizerFiles.CLIP_VIT_L14.merges(), v.mergesDigest());
        map.put("cat</w>", 1);
        ClipVocabulary changed = ClipVocabulary.parse(new Gson().toJson(map), merges, "v", "m");
        assertNotEquals(TokenizerFiles.CLIP_VIT_L14.vocab(), changed.vocabDigest());
    }
}
