package dev.weft.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.graph.Bounds;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Group;
import dev.weft.graph.History;
import dev.weft.graph.Point;
import dev.weft.graph.Reroute;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.model.EditorModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupAndRerouteTest {
    @TempDir
    Path dir;

    @Test
    void movingAGroupMovesTheNodesWhoseCentreIsInsideAndNoOthers() {
        EditorModel m = UiFixtures.model(dir);
        m.perform(new GraphEdit.AddGroup(Group.of(1, "Loader", new Bounds(0, 400, 400, 250))));
        GroupOps.DragStart start = GroupOps.DragStart.of(m.geometry(), 0);
        assertEquals(java.util.Set.of(4), start.nodes().keySet());
        Point before5 = m.graph().requireNode(5).pos();
        m.perform(GroupOps.moved(m.graph(), start, 50, -20));
        assertEquals(new Point(76, 454), m.graph().requireNode(4).pos());
        assertEquals(new Bounds(50, 380, 400, 250), m.graph().groups().get(0).bounding());
        assertEquals(before5, m.graph().requireNode(5).pos());
    }

    @Test
    void aRerouteInsertedOnAPlainWireBecomesItsLastPointAndUndoRemovesIt() {
        Graph g = UiFixtures.txt2img();
        History h = new History(g);
        GraphGeometry geo = new GraphGeometry(g, new LayoutCache(new LayoutEngine(UiFixtures.catalog(dir),
                TextMeasure.approximate())));
        h.perform(RerouteOps.insert(g, geo, 9, 0, new Point(1430, 200)));
        Reroute r = g.reroutes().get(0);
        assertEquals(r.id(), g.link(9).orElseThrow().parentId());
        assertNull(r.parentId());
        assertEquals(java.util.List.of(9), r.linkIds());
        assertEquals(2, geo.wire(g.link(9).orElseThrow()).orElseThrow().pieces().size());
        h.undo();
        assertEquals(0, g.reroutes().size());
        assertNull(g.link(9).orElseThrow().parentId());
    }

    @Test
    void aRerouteInsertedBeforeAnotherTakesItsPlaceInTheChain() {
        Graph g = UiFixtures.txt2img();
        GraphGeometry geo = new GraphGeometry(g, new LayoutCache(new LayoutEngine(UiFixtures.catalog(dir),
                TextMeasure.approximate())));
        g.apply(RerouteOps.insert(g, geo, 9, 0, new Point(1430, 200))); // reroute 1, last on the wire
        g.apply(RerouteOps.insert(g, geo, 9, 0, new Point(1300, 200))); // piece 0 ends at reroute 1
        Reroute first = g.reroute(2).orElseThrow();
        Reroute second = g.reroute(1).orElseThrow();
        assertNull(first.parentId());
        assertEquals(2, second.parentId());
        assertEquals(java.util.List.of(2, 1), geo.rerouteChain(g.link(9).orElseThrow()).stream().map(Reroute::id)
                .toList());
    }
}
