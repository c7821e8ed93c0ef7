package dev.weft.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Node;
import dev.weft.graph.NodeFlag;
import dev.weft.graph.Point;
import dev.weft.graph.Size;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.model.SpecCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutEngineTest {
    @TempDir
    Path dir;
    SpecCatalog catalog;
    LayoutEngine engine;
    Graph graph;

    @BeforeEach
    void setUp() {
        catalog = UiFixtures.catalog(dir);
        engine = new LayoutEngine(catalog, TextMeasure.approximate());
        graph = UiFixtures.txt2img();
    }

    @Test
    void kSamplerHasLiteGraphSocketRowsThenOneWidgetRowPerValue() {
        Node k = graph.requireNode(3); // KSampler at (863, 186), size 315 x 262
        NodeLayout l = engine.layout(k, graph);
        assertEquals(863, l.frame().x());
        assertEquals(186 - 30, l.frame().y());
        assertEquals(315, l.body().width());
        assertEquals(262, l.body().height());
        assertEquals(new Point(873, 186 + 0.7 * 20), l.inputs().get(0));
        assertEquals(new Point(873, 186 + 3.7 * 20), l.inputs().get(3));
        assertEquals(new Point(863 + 315 - 10 + 1, 186 + 0.7 * 20), l.outputs().get(0));
        List<WidgetStyle> styles = l.widgets().stream().map(WidgetBox::style).toList();
        assertEquals(List.of(WidgetStyle.NUMBER, WidgetStyle.COMBO, WidgetStyle.NUMBER, WidgetStyle.SLIDER,
                WidgetStyle.COMBO, WidgetStyle.COMBO, WidgetStyle.SLIDER), styles);
        WidgetBox seed = l.widgets().get(0);
        assertEquals(186 + 4 * 20 + 6, seed.rect().y());
        assertEquals(878, seed.rect().x());
        assertEquals(315 - 30, seed.rect().width());
        assertEquals(seed.rect().y() + 24, l.widgets().get(1).rect().y());
        assertEquals("control after generate", l.widgets().get(1).label());
    }

    @Test
    void storedSizeSmallerThanTheContentIsDrawnAtTheContentSize() {
        Node k = graph.requireNode(3).withSize(new Size(10, 10));
        NodeLayout l = engine.layout(k, graph);
        assertEquals(LiteGraphMetrics.NODE_MIN_WIDTH, l.body().width());
        double lastWidgetBottom = l.widgets().get(6).rect().y() + 20;
        assertTrue(l.body().y() + l.body().height() >= lastWidgetBottom);
    }

    @Test
    void promptTextTakesTheSpareHeightAndLeavesNoImageArea() {
        Node clip = graph.requireNode(6); // CLIPTextEncode 422 x 164
        NodeLayout l = engine.layout(clip, graph);
        WidgetBox text = l.widgets().get(0);
        assertEquals(WidgetStyle.MULTILINE, text.style());
        assertEquals(186 + 20 + 6, text.rect().y());
        assertEquals(186 + 164 - 4 - 4, text.rect().y() + text.rect().height(), 1e-9);
        assertNull(l.media());
    }

    @Test
    void saveImageKeepsItsSpareHeightForTheImage() {
        NodeLayout l = engine.layout(graph.requireNode(9), graph); // 210 x 270, one socket, one widget
        assertNotNull(l.media());
        assertEquals(189 + 20 + 6 + 24, l.media().y(), 1e-9);
        assertEquals(189 + 270 - 4, l.media().y() + l.media().height(), 1e-9);
    }

    @Test
    void collapsedNodeIsItsTitleBarWithEverySocketOnItsEnds() {
        Node k = graph.requireNode(3).withFlag(NodeFlag.COLLAPSED, true);
        NodeLayout l = engine.layout(k, graph);
        assertTrue(l.collapsed());
        assertEquals(30, l.frame().height());
        assertTrue(l.widgets().isEmpty());
        assertEquals(l.inputs().get(0), l.inputs().get(3));
        assertEquals(l.frame().x() + l.frame().width(), l.outputs().get(0).x());
    }

    @Test
    void unknownTypeShowsItsStoredValuesReadOnly() {
        JsonArray values = new JsonArray();
        values.add("a");
        values.add(3);
        Node n = Node.create(50, "MysteryNode", new Point(0, 0), new Size(200, 100)).withWidgetValues(values);
        graph.apply(new GraphEdit.AddNode(n));
        NodeLayout l = engine.layout(graph.requireNode(50), graph);
        assertFalse(l.known());
        assertEquals(2, l.widgets().size());
        assertTrue(l.widgets().stream().allMatch(w -> w.style() == WidgetStyle.READONLY));
    }

    @Test
    void aWiredWidgetGetsItsSocketOnItsRowAndAPrimitiveTakesTheWidgetsShape() {
        Node prim = catalog.find("PrimitiveNode").orElseThrow().instantiate(60, new Point(0, 0));
        graph.apply(new GraphEdit.AddNode(prim));
        graph.apply(Wiring.connectToWidget(60, 0, graph.requireNode(3),
                catalog.find("KSampler").orElseThrow().input("steps").orElseThrow()));
        NodeLayout k = engine.layout(graph.requireNode(3), graph);
        WidgetBox steps = k.widgets().get(2);
        int socket = graph.requireNode(3).inputIndex("steps");
        assertEquals(socket, steps.socketInput());
        assertEquals(steps.rect().y() + 10, k.inputs().get(socket).y(), 1e-9);
        assertFalse(k.inputOnRow(socket));

        NodeLayout p = engine.layout(graph.requireNode(60), graph);
        assertEquals(List.of(WidgetStyle.NUMBER, WidgetStyle.COMBO), p.widgets().stream().map(WidgetBox::style).toList());
        assertEquals("steps", p.widgets().get(0).input().name());
    }
}
