package dev.weft.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.canvas.PointerInput.Button;
import dev.weft.ui.canvas.PointerInput.Modifiers;
import dev.weft.ui.model.EditorModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the controller with pointer events at scale 1 and offset 0, so screen = canvas. */
class InteractionControllerTest {
    @TempDir
    Path dir;
    EditorModel model;
    RecordingHost host;
    InteractionController c;

    @BeforeEach
    void setUp() {
        model = UiFixtures.model(dir);
        host = new RecordingHost();
        c = new InteractionController(model, new EditCommands(model), host);
        c.setViewSize(4000, 3000);
        c.setMinimapVisible(false);
    }

    private Graph g() {
        return model.graph();
    }

    private NodeLayout layout(int id) {
        return model.geometry().layout(id).orElseThrow();
    }

    private void drag(Point from, Point to, Modifiers mods) {
        c.pressed(new PointerInput(from.x(), from.y(), Button.PRIMARY, mods, 1));
        Point mid = new Point((from.x() + to.x()) / 2, (from.y() + to.y()) / 2);
        c.dragged(new PointerInput(mid.x(), mid.y(), Button.PRIMARY, mods, 1));
        c.dragged(new PointerInput(to.x(), to.y(), Button.PRIMARY, mods, 1));
        c.released(new PointerInput(to.x(), to.y(), Button.PRIMARY, mods, 1));
    }

    private void drag(Point from, Point to) {
        drag(from, to, Modifiers.NONE);
    }

    private void click(Point p) {
        c.pressed(new PointerInput(p.x(), p.y(), Button.PRIMARY, Modifiers.NONE, 1));
        c.released(new PointerInput(p.x(), p.y(), Button.PRIMARY, Modifiers.NONE, 1));
    }

    @Test
    void draggingFromAnOutputToACompatibleInputConnectsThem() {
        // CheckpointLoader (4) MODEL output -> a fresh KSampler's model input
        Node k2 = model.catalog().find("KSampler").orElseThrow().instantiate(g().nextNodeId(), new Point(2000, 500));
        model.perform(new dev.weft.graph.GraphEdit.AddNode(k2));
        drag(layout(4).outputs().get(0), layout(k2.id()).inputs().get(0));
        assertTrue(g().inputLink(k2.id(), 0).isPresent());
        assertEquals(4, g().inputLink(k2.id(), 0).get().originId());
        assertTrue(host.statuses.isEmpty());
    }

    @Test
    void anIncompatibleDropIsRefusedWithAMessageAndChangesNothing() {
        int links = g().links().size();
        long before = g().inputLink(3, 0).orElseThrow().id();
        drag(layout(4).outputs().get(2), layout(3).inputs().get(0)); // VAE into MODEL
        assertEquals(links, g().links().size());
        assertEquals(before, g().inputLink(3, 0).orElseThrow().id());
        assertEquals(1, host.statuses.size());
        assertTrue(host.statuses.get(0).contains("(VAE)") && host.statuses.get(0).contains("(MODEL)"),
                host.statuses.get(0));
    }

    @Test
    void draggingAWiredInputOntoEmptyCanvasDisconnectsItAndUndoBringsItBack() {
        assertTrue(g().inputLink(8, 1).isPresent()); // VAEDecode.vae
        drag(layout(8).inputs().get(1), new Point(1300, 900));
        assertTrue(g().inputLink(8, 1).isEmpty());
        assertTrue(host.searches.isEmpty());
        model.undo();
        assertEquals(4, g().inputLink(8, 1).orElseThrow().originId());
    }

    @Test
    void releasingANewWireOnEmptyCanvasOpensSearchFilteredByItsType() {
        drag(layout(4).outputs().get(1), new Point(700, 1200)); // CLIP output
        assertEquals(1, host.searches.size());
        WireEnd w = host.searches.get(0).orElseThrow();
        assertEquals(new WireEnd(4, 1, true, "CLIP"), w);
        assertEquals(new Point(700, 1200), host.searchPositions.get(0));
    }

    @Test
    void movingANodeIsOneUndoStepHoweverManyPointerMoves() {
        Point title = new Point(layout(5).frame().x() + 60, layout(5).frame().y() + 15);
        Point start = g().requireNode(5).pos();
        drag(title, new Point(title.x() + 100, title.y() + 40));
        assertEquals(start.translate(100, 40), g().requireNode(5).pos());
        assertEquals(Set.of(5), model.selection().nodes());
        model.undo();
        assertEquals(start, g().requireNode(5).pos());
        assertFalse(model.document().history().canUndo());
    }

    @Test
    void boxSelectionPicksEveryNodeTheBandTouches() {
        drag(new Point(0, 0), new Point(850, 700)); // covers nodes 4, 5, 6, 7
        assertEquals(Set.of(4, 5, 6, 7), model.selection().nodes());
        click(new Point(3000, 2500));
        assertTrue(model.selection().nodes().isEmpty());
    }

    @Test
    void ctrlClickTogglesAndShiftClickAdds() {
        Point t4 = new Point(layout(4).frame().x() + 60, layout(4).frame().y() + 15);
        Point t5 = new Point(layout(5).frame().x() + 60, layout(5).frame().y() + 15);
        click(t4);
        c.pressed(new PointerInput(t5.x(), t5.y(), Button.PRIMARY, new Modifiers(true, false, false), 1));
        c.released(new PointerInput(t5.x(), t5.y(), Button.PRIMARY, new Modifiers(true, false, false), 1));
        assertEquals(Set.of(4, 5), model.selection().nodes());
        c.pressed(new PointerInput(t4.x(), t4.y(), Button.PRIMARY, new Modifiers(false, true, false), 1));
        c.released(new PointerInput(t4.x(), t4.y(), Button.PRIMARY, new Modifiers(false, true, false), 1));
        assertEquals(Set.of(5), model.selection().nodes());
    }

    @Test
    void middleDragPansAndTheWheelZoomsAroundThePointer() {
        c.pressed(new PointerInput(100, 100, Button.MIDDLE, Modifiers.NONE, 1));
        c.dragged(new PointerInput(150, 80, Button.MIDDLE, Modifiers.NONE, 1));
        c.released(new PointerInput(150, 80, Button.MIDDLE, Modifiers.NONE, 1));
        assertEquals(50, model.viewport().offsetX(), 1e-9);
        assertEquals(-20, model.viewport().offsetY(), 1e-9);
        Point under = model.viewport().toCanvas(300, 200);
        c.scrolled(300, 200, 40);
        assertEquals(1.1, model.viewport().scale(), 1e-9);
        assertEquals(under.x(), model.viewport().toCanvas(300, 200).x(), 1e-9);
    }

    @Test
    void spaceDragPans() {
        c.setSpaceHeld(true);
        drag(new Point(500, 500), new Point(520, 530));
        assertEquals(20, model.viewport().offsetX(), 1e-9);
        assertEquals(30, model.viewport().offsetY(), 1e-9);
        assertTrue(model.selection().isEmpty());
    }

    @Test
    void numberArrowsStepTheValueAndABodyClickOpensTheEditor() {
        WidgetBox steps = layout(3).widgets().get(2);
        Point right = new Point(steps.rect().x() + steps.rect().width() - 5, steps.rect().y() + 10);
        click(right);
        assertEquals(new JsonPrimitive(21), g().requireNode(3).widgetValue(2).orElseThrow());
        Point left = new Point(steps.rect().x() + 5, steps.rect().y() + 10);
        click(left);
        click(left);
        assertEquals(new JsonPrimitive(19), g().requireNode(3).widgetValue(2).orElseThrow());
        click(new Point(steps.rect().x() + 100, steps.rect().y() + 10));
        assertEquals("3:steps:BODY", host.edits.get(host.edits.size() - 1));
    }

    @Test
    void draggingANumberChangesItByStepsAndIsOneUndoStep() {
        WidgetBox steps = layout(3).widgets().get(2);
        Point from = new Point(steps.rect().x() + 100, steps.rect().y() + 10);
        drag(from, new Point(from.x() + 40, from.y()));
        assertEquals(new JsonPrimitive(30), g().requireNode(3).widgetValue(2).orElseThrow());
        model.undo();
        assertEquals(new JsonPrimitive(20), g().requireNode(3).widgetValue(2).orElseThrow());
        assertTrue(host.edits.isEmpty());
    }

    @Test
    void aSliderTakesTheValueUnderThePointerSnappedToItsStep() {
        WidgetBox denoise = layout(3).widgets().get(6);
        Point quarter = new Point(denoise.rect().x() + denoise.rect().width() * 0.25, denoise.rect().y() + 10);
        click(quarter);
        assertEquals(0.25, g().requireNode(3).widgetValue(6).orElseThrow().getAsDouble(), 1e-12);
    }

    @Test
    void comboArrowsStepThroughTheChoicesAndToggleFlips() {
        WidgetBox sampler = layout(3).widgets().get(4);
        click(new Point(sampler.rect().x() + sampler.rect().width() - 5, sampler.rect().y() + 10));
        assertEquals("euler_cfg_pp", g().requireNode(3).widgetValue(4).orElseThrow().getAsString());
    }

    @Test
    void doubleClickOnEmptyCanvasOpensUnfilteredSearch() {
        c.pressed(new PointerInput(3000, 2000, Button.PRIMARY, Modifiers.NONE, 2));
        c.released(new PointerInput(3000, 2000, Button.PRIMARY, Modifiers.NONE, 2));
        assertEquals(Optional.empty(), host.searches.get(0));
    }

    @Test
    void collapseToggleInTheTitleCollapsesTheNode() {
        click(layout(5).collapseToggle());
        assertTrue(g().requireNode(5).isCollapsed());
    }

    @Test
    void altClickOnAWireInsertsAReroute() {
        WirePath w = model.geometry().wire(g().link(9).orElseThrow()).orElseThrow();
        Point mid = w.midpoint();
        c.pressed(new PointerInput(mid.x(), mid.y(), Button.PRIMARY, new Modifiers(false, false, true), 1));
        c.released(new PointerInput(mid.x(), mid.y(), Button.PRIMARY, new Modifiers(false, false, true), 1));
        assertEquals(1, g().reroutes().size());
        assertEquals(g().reroutes().get(0).id(), g().link(9).orElseThrow().parentId());
    }

    @Test
    void hoveringAWidgetShowsItsTooltip() {
        WidgetBox cfg = layout(3).widgets().get(3);
        c.moved(new PointerInput(cfg.rect().x() + 50, cfg.rect().y() + 10, Button.NONE, Modifiers.NONE, 0));
        assertTrue(host.tooltip.startsWith("Classifier-free guidance"), host.tooltip);
        c.moved(new PointerInput(3000, 2000, Button.NONE, Modifiers.NONE, 0));
        assertNull(host.tooltip);
    }
}
