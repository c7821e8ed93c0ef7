package dev.weft.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.Bounds;
import dev.weft.graph.Group;
import dev.weft.graph.NodeFlag;
import dev.weft.graph.NodeMode;
import dev.weft.graph.Point;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.model.EditorModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditCommandsTest {
    @TempDir
    Path dir;
    EditorModel model;
    EditCommands cmd;

    @BeforeEach
    void setUp() {
        model = UiFixtures.model(dir);
        cmd = new EditCommands(model);
    }

    @Test
    void deleteRemovesTheSelectionWithItsWiresAndUndoRestoresBoth() {
        model.selection().setNodes(List.of(3));
        int links = model.graph().links().size();
        assertTrue(cmd.deleteSelection());
        assertTrue(model.graph().node(3).isEmpty());
        assertEquals(links - 5, model.graph().links().size());
        assertTrue(model.selection().isEmpty());
        model.undo();
        assertEquals(links, model.graph().links().size());
    }

    @Test
    void bypassAndMuteToggleTheWholeSelectionAsOneStep() {
        model.selection().setNodes(List.of(6, 7));
        cmd.toggleMode(NodeMode.BYPASS);
        assertEquals(NodeMode.BYPASS, model.graph().requireNode(6).mode());
        assertEquals(NodeMode.BYPASS, model.graph().requireNode(7).mode());
        cmd.toggleMode(NodeMode.BYPASS);
        assertEquals(NodeMode.ALWAYS, model.graph().requireNode(6).mode());
        cmd.toggleMode(NodeMode.NEVER);
        assertEquals(NodeMode.NEVER, model.graph().requireNode(7).mode());
        model.undo();
        assertEquals(NodeMode.ALWAYS, model.graph().requireNode(7).mode());
        assertEquals(NodeMode.ALWAYS, model.graph().requireNode(6).mode());
    }

    @Test
    void groupSurroundsTheSelectedFramesWithPaddingAndATitleBar() {
        model.selection().setNodes(List.of(4, 5));
        assertTrue(cmd.groupSelection());
        Group g = model.graph().groups().get(0);
        Bounds around = model.geometry().extentOf(Set.of(4, 5)).orElseThrow();
        assertEquals(around.x() - 10, g.bounding().x(), 1e-9);
        assertEquals(around.y() - 10 - 24 * 1.4, g.bounding().y(), 1e-9);
        assertEquals(around.width() + 20, g.bounding().width(), 1e-9);
        assertEquals(0, model.selection().group());
        assertTrue(GroupOps.nodesInside(model.geometry(), g).containsAll(List.of(4, 5)));
    }

    @Test
    void collapseAndDuplicate() throws Exception {
        model.selection().setNodes(List.of(5));
        cmd.toggleFlag(NodeFlag.COLLAPSED);
        assertTrue(model.graph().requireNode(5).isCollapsed());
        assertTrue(cmd.duplicate());
        assertEquals(Set.of(10), model.selection().nodes());
        assertTrue(model.graph().requireNode(10).isCollapsed());
        assertEquals("EmptyLatentImage", model.graph().requireNode(10).type());
    }

    @Test
    void pasteOfTheClipboardSelectsThePastedNodes() throws Exception {
        model.selection().setNodes(List.of(6));
        assertTrue(cmd.copy());
        assertTrue(cmd.paste(Optional.of(new Point(100, 100)), false));
        assertEquals(Set.of(10), model.selection().nodes());
        assertEquals("CLIPTextEncode", model.graph().requireNode(10).type());
    }

    @Test
    void fitFramesTheWholeGraphWhenNothingIsSelected() {
        cmd.fit(1000, 800);
        Bounds all = model.geometry().extent().orElseThrow();
        Point tl = model.viewport().toScreen(new Point(all.x(), all.y()));
        Point br = model.viewport().toScreen(new Point(all.x() + all.width(), all.y() + all.height()));
        assertTrue(tl.x() >= 39.9 && tl.y() >= 39.9, tl.toString());
        assertTrue(br.x() <= 960.1 && br.y() <= 760.1, br.toString());
        assertFalse(model.document().dirty(), "fitting moves the camera, not the graph");
    }
}
