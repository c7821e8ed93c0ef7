package dev.weft.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.graph.Bounds;
import dev.weft.graph.Point;
import org.junit.jupiter.api.Test;

class ViewportTest {
    @Test
    void screenAndCanvasFollowLiteGraphsOffsetThenScaleConvention() {
        Viewport v = new Viewport();
        v.set(100, -50, 2);
        assertEquals(new Point(220, -80), v.toScreen(new Point(10, 10)));
        assertEquals(new Point(10, 10), v.toCanvas(220, -80));
    }

    @Test
    void zoomAroundKeepsTheCanvasPointUnderTheCursorFixed() {
        Viewport v = new Viewport();
        v.set(30, 40, 1);
        Point before = v.toCanvas(400, 300);
        v.zoomAround(1.1, 400, 300);
        Point after = v.toCanvas(400, 300);
        assertEquals(1.1, v.scale(), 1e-12);
        assertEquals(before.x(), after.x(), 1e-9);
        assertEquals(before.y(), after.y(), 1e-9);
    }

    @Test
    void zoomIsClampedToTheAllowedRange() {
        Viewport v = new Viewport();
        v.zoomAround(1000, 0, 0);
        assertEquals(Viewport.MAX_SCALE, v.scale());
        v.zoomAround(1e-6, 0, 0);
        assertEquals(Viewport.MIN_SCALE, v.scale());
    }

    @Test
    void fitCentresTheContentAndScalesItIntoTheMargins() {
        Viewport v = new Viewport();
        v.fit(new Bounds(1000, 1000, 400, 200), 800, 600, 0, 10);
        assertEquals(2.0, v.scale(), 1e-12);
        assertEquals(new Point(400, 300), v.toScreen(new Point(1200, 1100)));
        v.fit(new Bounds(0, 0, 100, 100), 800, 600, 50, 1.5);
        assertEquals(1.5, v.scale(), 1e-12);
    }

    @Test
    void panMovesThePictureByScreenPixels() {
        Viewport v = new Viewport();
        v.set(0, 0, 2);
        Point p = new Point(10, 10);
        Point s0 = v.toScreen(p);
        v.panBy(30, -20);
        Point s1 = v.toScreen(p);
        assertEquals(s0.x() + 30, s1.x(), 1e-9);
        assertEquals(s0.y() - 20, s1.y(), 1e-9);
    }

    @Test
    void visibleAreaIsTheViewInCanvasUnits() {
        Viewport v = new Viewport();
        v.set(-100, -200, 0.5);
        assertEquals(new Bounds(100, 200, 1600, 1200), v.visibleArea(800, 600));
    }
}
