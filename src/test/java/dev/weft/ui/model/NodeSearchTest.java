package dev.weft.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.NodeSpec;
import dev.weft.ui.UiFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSearchTest {
    @TempDir
    Path dir;
    NodeSearch search;

    @BeforeEach
    void setUp() {
        search = new NodeSearch(UiFixtures.catalog(dir).all());
    }

    private List<String> types(String q, SearchFilter f) {
        return search.search(q, f, 10).stream().map(NodeSpec::classType).toList();
    }

    @Test
    void prefixesAndScatteredLettersFindTheRightNodeFirst() {
        assertEquals("KSampler", types("ksam", SearchFilter.NONE).get(0));
        assertEquals("CheckpointLoaderSimple", types("load check", SearchFilter.NONE).get(0));
        assertEquals("EmptyLatentImage", types("empty latent", SearchFilter.NONE).get(0));
        assertEquals("VAEDecode", types("vae dec", SearchFilter.NONE).get(0));
        assertTrue(types("zzzz", SearchFilter.NONE).isEmpty());
    }

    @Test
    void aWireFromAClipOutputOnlyOffersNodesThatTakeClip() {
        List<String> t = search.search("", SearchFilter.fromOutput("CLIP"), 50).stream().map(NodeSpec::classType).toList();
        assertTrue(t.containsAll(List.of("CLIPTextEncode", "CLIPSetLastLayer", "LoraLoader")), t.toString());
        assertTrue(!t.contains("KSampler") && !t.contains("VAEDecode"), t.toString());
    }

    @Test
    void aWireFromALatentInputOnlyOffersNodesThatMakeLatents() {
        List<String> t = search.search("", SearchFilter.fromInput("LATENT"), 50).stream().map(NodeSpec::classType)
                .toList();
        assertTrue(t.containsAll(List.of("EmptyLatentImage", "KSampler", "VAEEncode")), t.toString());
        assertTrue(!t.contains("CLIPTextEncode"), t.toString());
    }

    @Test
    void exactNamesBeatPrefixesWhichBeatScatteredLetters() {
        assertTrue(NodeSearch.score("ksampler", "KSampler") > NodeSearch.score("ksam", "KSampler"));
        assertTrue(NodeSearch.score("ksam", "KSampler") > NodeSearch.score("ksr", "KSampler"));
        assertEquals(0, NodeSearch.score("xq", "KSampler"));
    }
}
