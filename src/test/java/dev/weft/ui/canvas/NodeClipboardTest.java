package dev.weft.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.Graph;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.model.SpecCatalog;
import dev.weft.workflow.WorkflowException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeClipboardTest {
    @TempDir
    Path dir;

    @Test
    void pasteRecreatesNodesAndTheLinksBetweenThemWithFreshIdsAtThePointer() throws Exception {
        Graph g = UiFixtures.txt2img();
        SpecCatalog specs = UiFixtures.catalog(dir);
        String text = NodeClipboard.copy(g, Set.of(3, 8)).orElseThrow(); // KSampler -> VAEDecode
        NodeClipboard.Pasted p = NodeClipboard.paste(g, text, new Point(2000, 1000), false, specs);
        g.apply(p.edit());
        assertEquals(List.of(10, 11), p.nodeIds());
        Node k = g.requireNode(10);
        Node d = g.requireNode(11);
        assertEquals("KSampler", k.type());
        assertEquals(g.requireNode(3).widgetValues(), k.widgetValues());
        // the top-left of the copied frames (KSampler's title at 863, 156) lands on the pointer
        assertEquals(new Point(2000, 1030), k.pos());
        assertEquals(new Point(2000 + 1209 - 863, 1030 + 188 - 186), d.pos());
        Link inner = g.inputLink(11, 0).orElseThrow();
        assertEquals(10, inner.originId());
        assertTrue(g.inputLink(10, 0).isEmpty(), "plain paste leaves outside inputs unwired");
        assertTrue(g.inputLink(11, 1).isEmpty());
    }

    @Test
    void pasteWithInputLinksRewiresInputsFromNodesOutsideTheCopy() throws Exception {
        Graph g = UiFixtures.txt2img();
        String text = NodeClipboard.copy(g, Set.of(3)).orElseThrow();
        g.apply(NodeClipboard.paste(g, text, new Point(0, 0), true, UiFixtures.catalog(dir)).edit());
        assertEquals(4, g.inputLink(10, 0).orElseThrow().originId()); // model from the checkpoint loader
        assertEquals(6, g.inputLink(10, 1).orElseThrow().originId());
        assertEquals(7, g.inputLink(10, 2).orElseThrow().originId());
        assertEquals(5, g.inputLink(10, 3).orElseThrow().originId());
        assertEquals(3, g.inputLink(8, 0).orElseThrow().originId(), "the original keeps its own wires");
    }

    @Test
    void textThatIsNotNodesIsRefused() {
        Graph g = UiFixtures.txt2img();
        assertThrows(WorkflowException.class, () -> NodeClipboard.paste(g, "{\"a\": 1}", new Point(0, 0), false,
                UiFixtures.catalog(dir)));
        assertTrue(NodeClipboard.copy(g, Set.of(99)).isEmpty());
    }
}
