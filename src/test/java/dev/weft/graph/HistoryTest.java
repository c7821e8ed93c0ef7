package dev.weft.graph;

import static dev.weft.graph.Fixtures.POS;
import static dev.weft.graph.Fixtures.SAMPLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.weft.graph.Fixtures.State;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static final int CFG = 3;

    private static double cfg(Graph g) {
        return g.requireNode(SAMPLER).widgetValue(CFG).orElseThrow().getAsDouble();
    }

    private static GraphEdit setCfg(double v) {
        return new GraphEdit.SetWidgetValue(SAMPLER, CFG, new JsonPrimitive(v));
    }

    @Test
    void undoAndRedoWalkBackAndForthExactly() {
        Graph g = Fixtures.txt2img();
        History h = new History(g);
        State s0 = State.of(g);
        h.perform(new GraphEdit.RemoveNode(POS));
        State s1 = State.of(g);
        h.perform(setCfg(5));
        State s2 = State.of(g);
        assertTrue(h.canUndo());
        assertFalse(h.canRedo());
        h.undo();
        assertEquals(s1, State.of(g));
        h.undo();
        assertEquals(s0, State.of(g));
        assertFalse(h.canUndo());
        h.redo();
        h.redo();
        assertEquals(s2, State.of(g));
        assertFalse(h.canRedo());
    }

    @Test
    void aHundredSliderTicksWithOneMergeKeyUndoAsOneStep() {
        Graph g = Fixtures.txt2img();
        History h = new History(g);
        Object drag = new Object();
        for (int i = 1; i <= 100; i++) {
            h.perform(setCfg(i / 10.0), drag);
        }
        assertEquals(10.0, cfg(g));
        h.undo();
        assertEquals(8.0, cfg(g), "back to the value before the drag");
        assertFalse(h.canUndo());
        h.redo();
        assertEquals(10.0, cfg(g));
    }

    @Test
    void mergedStructuralEditsUndoAndRedoExactly() {
        Graph g = Fixtures.txt2img();
        History h = new History(g);
        State s0 = State.of(g);
        h.perform(new GraphEdit.RemoveNode(POS), "k");
        h.perform(new GraphEdit.AddNode(TestSpecs.spec("CLIPTextEncode").instantiate(g.nextNodeId(), new Point(1, 1))), "k");
        h.perform(new GraphEdit.Connect(Fixtures.CKPT, 1, 8, "clip"), "k");
        h.perform(new GraphEdit.Connect(8, 0, SAMPLER, "positive"), "k");
        h.perform(new GraphEdit.RemoveNode(Fixtures.NEG), "k");
        State s1 = State.of(g);
        h.undo();
        assertEquals(s0, State.of(g));
        assertFalse(h.canUndo(), "one step");
        h.redo();
        assertEquals(s1, State.of(g));
    }

    @Test
    void differentOrNullKeysMakeSeparateSteps() {
        Graph g = Fixtures.txt2img();
        History h = new History(g);
        h.perform(setCfg(1), "a");
        h.perform(setCfg(2), "b");
        h.perform(setCfg(3));
        h.perform(setCfg(4));
        h.undo();
        assertEquals(3.0, cfg(g));
        h.undo();
        assertEquals(2.0, cfg(g));
        h.undo();
        assertEquals(1.0, cfg(g));
    }

    @Test
    void newEditAfterUndoClearsRedo() {
        History h = new History(Fixtures.txt2img());
        h.perform(setCfg(1));
        h.undo();
        assertTrue(h.canRedo());
        h.perform(setCfg(2));
        assertFalse(h.canRedo());
    }

    @Test
    void savedPointTracksDirtyStateThroughUndoAndRedo() {
        History h = new History(Fixtures.txt2img());
        assertFalse(h.isDirty());
        h.perform(setCfg(1));
        assertTrue(h.isDirty());
        h.markSaved();
        assertFalse(h.isDirty());
        h.perform(setCfg(2));
        assertTrue(h.isDirty());
        h.undo();
        assertFalse(h.isDirty(), "back at the saved state");
        h.undo();
        assertTrue(h.isDirty());
        h.redo();
        assertFalse(h.isDirty());
    }

    @Test
    void aDragDoesNotMergeIntoTheSavedStep() {
        Graph g = Fixtures.txt2img();
        History h = new History(g);
        h.perform(setCfg(1), "drag");
        h.markSaved();
        h.perform(setCfg(2), "drag");
        assertTrue(h.isDirty());
        h.undo();
        assertEquals(1.0, cfg(g));
        assertFalse(h.isDirty());
    }

    @Test
    void clearForgetsStepsAndMarksClean() {
        History h = new History(Fixtures.txt2img());
        h.perform(setCfg(1));
        h.clear();
        assertFalse(h.canUndo());
        assertFalse(h.isDirty());
        assertThrows(IllegalStateException.class, h::undo);
        assertThrows(IllegalStateException.class, h::redo);
    }

    @Test
    void theOldestStepsFallOffBeyondTheLimit() {
        Graph g = Fixtures.txt2img();
        History h = new History(g, 2);
        h.perform(setCfg(1));
        h.perform(setCfg(2));
        h.perform(setCfg(3));
        h.undo();
        h.undo();
        assertFalse(h.canUndo());
        assertEquals(1.0, cfg(g));
    }
}
