package dev.weft.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.Bounds;
import dev.weft.graph.Point;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.model.EditorModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeometryTest {
    @TempDir
    Path dir;

    @Test
    void splineLeavesAndArrivesHorizontallyAQuarterOfTheDistanceOut() {
        Cubic c = Cubic.spline(new Point(0, 0), new Point(300, 400));
        assertEquals(new Point(125, 0), c.c1());
        assertEquals(new Point(175, 400), c.c2());
        assertEquals(new Point(0, 0), c.at(0));
        assertEquals(new Point(300, 400), c.at(1));
        assertEquals(0, c.distanceTo(c.at(0.37)), 3);
        assertTrue(c.distanceTo(new Point(300, 0)) > 100);
    }

    @Test
    void hitTesterFindsSocketsTitlesWidgetsWiresAndEmptyCanvas() {
        EditorModel m = UiFixtures.model(dir);
        HitTester h = new HitTester(m.geometry());
        NodeLayout k = m.geometry().layout(3).orElseThrow();
        assertEquals(new Hit.InputSocket(3, 1, k.inputs().get(1)), h.hit(k.inputs().get(1).translate(3, 2), 1, Set.of(),
                id -> false));
        assertEquals(new Hit.OutputSocket(3, 0, k.outputs().get(0)), h.hit(k.outputs().get(0), 1, Set.of(), id -> false));
        assertEquals(new Hit.Title(3), h.hit(new Point(1000, 170), 1, Set.of(), id -> false));
        assertEquals(new Hit.CollapseToggle(3), h.hit(k.collapseToggle(), 1, Set.of(), id -> false));
        WidgetBox seed = k.widgets().get(0);
        Hit w = h.hit(new Point(seed.rect().x() + 3, seed.rect().y() + 10), 1, Set.of(), id -> false);
        assertEquals(WidgetPart.DECREMENT, ((Hit.Widget) w).part());
        Point mid = m.geometry().wire(m.graph().link(9).orElseThrow()).orElseThrow().midpoint();
        assertEquals(9, ((Hit.Wire) h.hit(mid.translate(0, 4), 1, Set.of(), id -> false)).linkId());
        assertEquals(new Hit.Empty(), h.hit(mid.translate(0, 40), 1, Set.of(), id -> false));
        assertEquals(new Hit.Badge(3), h.hit(new Point(k.badge().x() + 9, k.badge().y() + 9), 1, Set.of(), id -> true));
    }

    @Test
    void minimapMapsTheGraphIntoItsPanelAndBack() {
        Bounds graph = new Bounds(0, 0, 1000, 500);
        MinimapGeometry m = MinimapGeometry.of(Optional.of(graph), new Bounds(0, 0, 100, 100), 1200, 800);
        assertEquals(new Bounds(990, 650, 200, 140), m.panel());
        Point c = m.toPanel(new Point(500, 250));
        Point back = m.toCanvas(c.x(), c.y());
        assertEquals(500, back.x(), 1e-9);
        assertEquals(250, back.y(), 1e-9);
        Bounds all = m.toPanel(graph);
        assertTrue(m.panel().contains(new Point(all.x(), all.y())));
        assertTrue(m.panel().contains(new Point(all.x() + all.width(), all.y() + all.height())));
    }
}
