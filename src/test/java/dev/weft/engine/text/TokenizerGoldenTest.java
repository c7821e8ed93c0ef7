package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.golden.GoldenAssertions;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ComfyUI's tokenizer cases, with the real CLIP vocabulary from shared/golden/tokenizer. */
class TokenizerGoldenTest {
    @Test
    void everyGoldenPromptTokenizesExactlyAsComfyUi() {
        Path dir = GoldenFiles.dir("tokenizer");
        List<GoldenResult> results = new TokenizerGoldenSuite().run(dir);
        assertTrue(results.size() >= 27, "expected every case of cases.json, got " + results.size());
        GoldenAssertions.assertAllPassed(results);
    }

    @Test
    void wordsBecomeClipIdsWithoutStartAndEnd() throws Exception {
        ClipBpeTokenizer bpe = new ClipBpeTokenizer(ClipVocabulary.load(GoldenFiles.dir("tokenizer")));
        assertEquals(49406, bpe.startId());
        assertEquals(49407, bpe.endId());
        assertArrayEquals(new int[] {320, 1125, 539, 320, 2368}, bpe.encode("a photo of a cat"));
        assertArrayEquals(bpe.encode("a photo of a cat"), bpe.encode("  A\tPHOTO\nof a Cat "));
        assertArrayEquals(new int[] {}, bpe.encode(""));
    }
}
