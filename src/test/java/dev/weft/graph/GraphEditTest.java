package dev.weft.graph;

import static dev.weft.graph.Fixtures.CKPT;
import static dev.weft.graph.Fixtures.DECODE;
import static dev.weft.graph.Fixtures.LATENT;
import static dev.weft.graph.Fixtures.NEG;
import static dev.weft.graph.Fixtures.POS;
import static dev.weft.graph.Fixtures.SAMPLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Fixtures.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class GraphEditTest {

    static Stream<GraphEdit> simpleEdits() {
        Graph g = Fixtures.txt2img();
        Node extra = TestSpecs.spec("VAEDecode").instantiate(g.nextNodeId(), new Point(5, 5));
        return Stream.of(
                new GraphEdit.MoveNodes(Map.of(POS, new Point(1, 2), NEG, new Point(3, 4))),
                new GraphEdit.ResizeNode(SAMPLER, new Size(400, 300)),
                new GraphEdit.SetWidgetValue(SAMPLER, 3, new JsonPrimitive(6.5)),
                new GraphEdit.SetWidgetValue(DECODE, 2, new JsonPrimitive("padded")),
                new GraphEdit.SetMode(SAMPLER, NodeMode.BYPASS),
                new GraphEdit.SetTitle(POS, "Positive"),
                new GraphEdit.SetColor(NEG, "#322", "#533"),
                new GraphEdit.SetFlag(LATENT, NodeFlag.COLLAPSED, true),
                new GraphEdit.SetFlag(LATENT, NodeFlag.PINNED, true),
                new GraphEdit.SetProperty(CKPT, "Node name for S&R", null),
                new GraphEdit.SetProperty(CKPT, "cnr_id", new JsonPrimitive("comfy-core")),
                new GraphEdit.AddInputSlot(SAMPLER, InputSlot.widgetSocket("seed", "INT")),
                new GraphEdit.AddNode(extra),
                new GraphEdit.RemoveNode(CKPT),
                new GraphEdit.Disconnect(4),
                new GraphEdit.Connect(CKPT, 1, POS, "clip"),
                new GraphEdit.AddGroup(Group.of(1, "Prompts", new Bounds(380, -40, 500, 500))),
                new GraphEdit.AddReroute(new Reroute(1, null, new Point(700, 100), List.of(1), null, null)),
                GraphEdit.Compound.of(new GraphEdit.SetMode(POS, NodeMode.NEVER), new GraphEdit.RemoveNode(DECODE)));
    }

    @ParameterizedTest
    @MethodSource("simpleEdits")
    void inverseRestoresTheExactStateAndItsInverseRedoesTheEdit(GraphEdit edit) {
        Graph g = Fixtures.txt2img();
        State before = State.of(g);
        AppliedEdit applied = g.apply(edit);
        State after = State.of(g);
        assertFalse(before.equals(after), "the edit changed something");
        AppliedEdit undone = g.apply(applied.inverse());
        assertEquals(before, State.of(g));
        g.apply(undone.inverse());
        assertEquals(after, State.of(g));
    }

    @Test
    void connectingOntoAnOccupiedInputReplacesTheLinkAndUndoBringsItBack() {
        Graph g = Fixtures.txt2img();
        Link old = g.inputLink(SAMPLER, 1).orElseThrow(); // positive <- POS
        State before = State.of(g);
        AppliedEdit a = g.apply(new GraphEdit.Connect(NEG, 0, SAMPLER, "positive"));
        Link now = g.inputLink(SAMPLER, 1).orElseThrow();
        assertEquals(NEG, now.originId());
        assertEquals(10, now.id(), "takes the next link id");
        assertEquals("CONDITIONING", now.type());
        assertTrue(g.link(old.id()).isEmpty());
        assertEquals(List.of(), g.requireNode(POS).outputs().get(0).linkIds(), "old origin no longer lists it");
        assertEquals(List.of(5, 10), g.requireNode(NEG).outputs().get(0).linkIds());
        g.apply(a.inverse());
        assertEquals(before, State.of(g));
        assertEquals(9, g.counters().lastLinkId());
    }

    @Test
    void incompatibleSocketsAreRefusedAndTheGraphIsUnchanged() {
        Graph g = Fixtures.txt2img();
        State before = State.of(g);
        SocketMismatchException e = assertThrows(SocketMismatchException.class,
                () -> g.apply(new GraphEdit.Connect(CKPT, 2, SAMPLER, "model")));
        assertTrue(e.getMessage().contains("(VAE)") && e.getMessage().contains("'model' (MODEL)"), e.getMessage());
        assertEquals(before, State.of(g));
    }

    @Test
    void removingANodeRemovesItsLinksAndUndoPutsNodeLinksAndPeersBackInOrder() {
        Graph g = Fixtures.txt2img();
        State before = State.of(g);
        AppliedEdit a = g.apply(new GraphEdit.RemoveNode(CKPT));
        assertTrue(g.node(CKPT).isEmpty());
        assertTrue(g.links().stream().noneMatch(l -> l.originId() == CKPT));
        assertNull(g.requireNode(POS).inputs().get(0).link());
        assertEquals(java.util.Set.of(CKPT, POS, NEG, SAMPLER, DECODE), a.inverse().nodeIds(),
                "the removed node and every peer whose slots changed");
        assertEquals(java.util.Set.of(1, 2, 3, 8), a.inverse().linkIds());
        g.apply(a.inverse());
        assertEquals(before, State.of(g));
        assertEquals(CKPT, g.nodes().get(0).id(), "back in first place");
    }

    @Test
    void aFailingCompoundLeavesNothingApplied() {
        Graph g = Fixtures.txt2img();
        State before = State.of(g);
        assertThrows(IllegalArgumentException.class, () -> g.apply(GraphEdit.Compound.of(
                new GraphEdit.SetTitle(POS, "changed"), new GraphEdit.RemoveNode(99))));
        assertEquals(before, State.of(g));
    }

    @Test
    void listenersHearEachEditOnceWithWhatItTouched() {
        Graph g = Fixtures.txt2img();
        List<AppliedEdit> heard = new ArrayList<>();
        g.addListener((graph, change) -> heard.add(change));
        g.apply(new GraphEdit.SetMode(SAMPLER, NodeMode.NEVER));
        g.apply(new GraphEdit.Disconnect(9));
        assertEquals(2, heard.size());
        assertEquals(java.util.Set.of(SAMPLER), heard.get(0).inverse().nodeIds());
        assertEquals(java.util.Set.of(9), heard.get(1).inverse().linkIds());
        assertEquals(java.util.Set.of(DECODE, Fixtures.SAVE), heard.get(1).inverse().nodeIds());
    }

    @Test
    void removingARerouteHandsItsLinksAndChildrenToItsParent() {
        Graph g = Fixtures.txt2img();
        g.apply(new GraphEdit.AddReroute(new Reroute(1, null, new Point(0, 0), List.of(), null, null)));
        g.apply(new GraphEdit.AddReroute(new Reroute(2, 1, new Point(1, 1), List.of(1), null, null)));
        g.apply(new GraphEdit.AddReroute(new Reroute(3, 2, new Point(2, 2), List.of(1), null, null)));
        Graph withParent = Graph.of(g.nodes(), g.links().stream().map(l -> l.id() == 1 ? l.withParent(3) : l).toList(),
                g.groups(), g.reroutes(), g.counters(), g.passthrough());
        withParent.apply(new GraphEdit.RemoveReroute(3));
        assertEquals(2, withParent.link(1).orElseThrow().parentId());
        withParent.apply(new GraphEdit.RemoveReroute(1));
        assertNull(withParent.reroute(2).orElseThrow().parentId());
    }

    @Test
    void disconnectingRemovesTheLinkFromRerouteLinkLists() {
        Graph g = Fixtures.txt2img();
        g.apply(new GraphEdit.AddReroute(new Reroute(1, null, new Point(0, 0), List.of(1, 2), null, null)));
        g.apply(new GraphEdit.Disconnect(1));
        assertEquals(List.of(2), g.reroute(1).orElseThrow().linkIds());
    }

    @Test
    void groupEditsAddressGroupsByIndex() {
        Graph g = Fixtures.txt2img();
        g.apply(new GraphEdit.AddGroup(Group.of(g.nextGroupId(), "A", new Bounds(0, 0, 10, 10))));
        g.apply(new GraphEdit.AddGroup(Group.of(g.nextGroupId(), "B", new Bounds(0, 0, 10, 10))));
        g.apply(new GraphEdit.EditGroup(1, g.groups().get(1).withTitle("B2").withColor("#3f789e")));
        assertEquals(List.of("A", "B2"), g.groups().stream().map(Group::title).toList());
        assertEquals(2, g.counters().lastGroupId());
        g.apply(new GraphEdit.RemoveGroup(0));
        assertEquals("B2", g.groups().get(0).title());
        assertThrows(IllegalArgumentException.class, () -> g.apply(new GraphEdit.RemoveGroup(5)));
    }

    @Test
    void flagsAreSetAsTrueAndRemovedWhenCleared() {
        Graph g = Fixtures.txt2img();
        g.apply(new GraphEdit.SetFlag(POS, NodeFlag.PINNED, true));
        assertTrue(g.requireNode(POS).isPinned());
        g.apply(new GraphEdit.SetFlag(POS, NodeFlag.PINNED, false));
        assertEquals(new JsonObject(), g.requireNode(POS).flags());
    }

    @Test
    void positionalWidgetEditsAreRefusedOnObjectWidgetValues() {
        Graph g = Fixtures.txt2img();
        Node odd = Node.create(50, "Custom", new Point(0, 0), new Size(10, 10)).withWidgetValues(new JsonObject());
        g.apply(new GraphEdit.AddNode(odd));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.apply(new GraphEdit.SetWidgetValue(50, 0, new JsonPrimitive(1))));
        assertTrue(e.getMessage().contains("as an object"), e.getMessage());
    }

    @Test
    void addingANodeWithATakenIdOrWithLinksIsRefused() {
        Graph g = Fixtures.txt2img();
        assertThrows(IllegalArgumentException.class,
                () -> g.apply(new GraphEdit.AddNode(TestSpecs.spec("VAEDecode").instantiate(POS, new Point(0, 0)))));
        assertEquals(8, g.nextNodeId());
    }

    @Test
    void connectNamesAMissingInput() {
        Graph g = Fixtures.txt2img();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.apply(new GraphEdit.Connect(CKPT, 0, SAMPLER, "seed")));
        assertTrue(e.getMessage().contains("has no input 'seed'"), e.getMessage());
        g.apply(new GraphEdit.AddInputSlot(LATENT, InputSlot.widgetSocket("width", "INT")));
        assertThrows(SocketMismatchException.class, () -> g.apply(new GraphEdit.Connect(CKPT, 0, LATENT, "width")));
    }
}
