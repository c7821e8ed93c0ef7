package dev.weft.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.History;
import dev.weft.graph.Node;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.Point;
import dev.weft.graph.TestSpecs;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlAfterGenerateTest {
    private static final NodeSpecs SPECS = TestSpecs.all();
    private static final int SAMPLER = 3;

    private static Graph reference() throws WorkflowException {
        return UiWorkflowReader.fromJson(Resources.json("reference-1a.json"), "r").graph();
    }

    private static Graph withControl(JsonElement mode, long seed) throws WorkflowException {
        Graph g = reference();
        g.apply(new GraphEdit.SetWidgetValue(SAMPLER, 1, mode));
        g.apply(new GraphEdit.SetWidgetValue(SAMPLER, 0, new JsonPrimitive(seed)));
        return g;
    }

    private static JsonElement seedAfterQueue(Graph g, double random) {
        ControlAfterGenerate.afterQueue(g, SPECS, () -> random).ifPresent(g::apply);
        return g.requireNode(SAMPLER).widgetValue(0).orElseThrow();
    }

    @Test
    void randomizeUsesTheFrontendFormulaCappedAtTwoToTheFifty() throws Exception {
        // min 0, max min(2^50, 2^64-1) = 2^50, step 1: floor(0.5 * 2^50) * 1 + 0
        assertEquals(562949953421312L, seedAfterQueue(reference(), 0.5).getAsLong());
        assertEquals(0L, seedAfterQueue(reference(), 0.0).getAsLong());
        assertEquals(1125899906842623L, seedAfterQueue(reference(), 0.9999999999999999).getAsLong());
    }

    @Test
    void incrementAndDecrementStepByOneAndClampToTheRange() throws Exception {
        assertEquals(124L, seedAfterQueue(withControl(new JsonPrimitive("increment"), 123), 0.3).getAsLong());
        assertEquals(122L, seedAfterQueue(withControl(new JsonPrimitive("decrement"), 123), 0.3).getAsLong());
        assertEquals(0L, seedAfterQueue(withControl(new JsonPrimitive("decrement"), 0), 0.3).getAsLong());
    }

    @Test
    void fixedChangesNothing() throws Exception {
        assertEquals(Optional.empty(), ControlAfterGenerate.afterQueue(withControl(new JsonPrimitive("fixed"), 5), SPECS, () -> 0.5));
    }

    @Test
    void legacyBooleanTrueMeansRandomizeAndFalseFixed() throws Exception {
        assertEquals(562949953421312L, seedAfterQueue(withControl(new JsonPrimitive(true), 5), 0.5).getAsLong());
        assertEquals(5L, seedAfterQueue(withControl(new JsonPrimitive(false), 5), 0.5).getAsLong());
    }

    @Test
    void anIntegerWithASmallRangeClampsAtItsMax() throws Exception {
        Graph g = new Graph();
        Node n = SPECS.find("PickStyle").orElseThrow().instantiate(1, new Point(0, 0)); // optional seed: 0..100
        g.apply(new GraphEdit.AddNode(n));
        g.apply(new GraphEdit.SetWidgetValue(1, 1, new JsonPrimitive("fixed")));
        g.apply(new GraphEdit.SetWidgetValue(1, 6, new JsonPrimitive("increment")));
        g.apply(new GraphEdit.SetWidgetValue(1, 5, new JsonPrimitive(99)));
        ControlAfterGenerate.afterQueue(g, SPECS, () -> 0).ifPresent(g::apply);
        assertEquals(100, g.requireNode(1).widgetValue(5).orElseThrow().getAsInt());
        assertEquals(Optional.empty(), ControlAfterGenerate.afterQueue(g, SPECS, () -> 0), "already at max: no edit");
    }

    @Test
    void combosStepThroughTheirChoicesHonouringTheFilterAndWrap() throws Exception {
        Graph g = new Graph();
        g.apply(new GraphEdit.AddNode(SPECS.find("PickStyle").orElseThrow().instantiate(1, new Point(0, 0))));
        g.apply(new GraphEdit.SetWidgetValue(1, 6, new JsonPrimitive("fixed"))); // silence the seed
        ControlAfterGenerate.afterQueue(g, SPECS, () -> 0).ifPresent(g::apply); // default "increment": ink -> oil
        assertEquals("oil", g.requireNode(1).widgetValue(0).orElseThrow().getAsString());
        ControlAfterGenerate.afterQueue(g, SPECS, () -> 0).ifPresent(g::apply);
        assertEquals("oil", g.requireNode(1).widgetValue(0).orElseThrow().getAsString(), "increment stops at the end");
        g.apply(new GraphEdit.SetWidgetValue(1, 1, new JsonPrimitive("increment-wrap")));
        ControlAfterGenerate.afterQueue(g, SPECS, () -> 0).ifPresent(g::apply);
        assertEquals("watercolor", g.requireNode(1).widgetValue(0).orElseThrow().getAsString());
        g.apply(new GraphEdit.SetWidgetValue(1, 1, new JsonPrimitive("randomize")));
        g.apply(new GraphEdit.SetWidgetValue(1, 2, new JsonPrimitive("/^(ink|oil)$/")));
        ControlAfterGenerate.afterQueue(g, SPECS, () -> 0.99).ifPresent(g::apply);
        assertEquals("oil", g.requireNode(1).widgetValue(0).orElseThrow().getAsString());
        g.apply(new GraphEdit.SetWidgetValue(1, 2, new JsonPrimitive("WATER")));
        ControlAfterGenerate.afterQueue(g, SPECS, () -> 0.99).ifPresent(g::apply);
        assertEquals("watercolor", g.requireNode(1).widgetValue(0).orElseThrow().getAsString(), "substring, any case");
    }

    @Test
    void aPrimitiveNodeDrivesItsOwnValueWithTheTargetsRange() throws Exception {
        Graph g = UiWorkflowReader.fromJson(Resources.json("virtual-nodes.json"), "v").graph();
        assertEquals(Optional.empty(), ControlAfterGenerate.afterQueue(g, SPECS, () -> 0.5),
                "the primitive is fixed and the KSampler's wired seed is left to the wire");
        g.apply(new GraphEdit.SetWidgetValue(4, 1, new JsonPrimitive("increment")));
        GraphEdit e = ControlAfterGenerate.afterQueue(g, SPECS, () -> 0.5).orElseThrow();
        g.apply(e);
        assertEquals(43, g.requireNode(4).widgetValue(0).orElseThrow().getAsInt());
        assertEquals(1, g.requireNode(3).widgetValue(0).orElseThrow().getAsLong(), "the KSampler's stored seed is untouched");
    }

    @Test
    void theReturnedEditIsUndoableThroughHistory() throws Exception {
        Graph g = reference();
        History h = new History(g);
        h.perform(ControlAfterGenerate.afterQueue(g, SPECS, () -> 0.5).orElseThrow());
        assertTrue(h.isDirty());
        h.undo();
        assertEquals(123456789L, g.requireNode(SAMPLER).widgetValue(0).orElseThrow().getAsLong());
        assertFalse(h.isDirty());
    }
}
