package dev.weft.ui.fx;

import static dev.weft.ui.fx.FxTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import dev.weft.exec.FakeNodes;
import dev.weft.ui.EditorWindow;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.canvas.NodeLayout;
import dev.weft.ui.canvas.WidgetBox;
import dev.weft.ui.model.NodeStatus;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.model.RunStatus;
import dev.weft.workflow.JsonEquality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real editor window with the mouse and keyboard (headless under Monocle; the same
 * tests run on a real X server with -Dheadless=false): adding nodes from the library and from
 * search, wiring and unwiring, moving, copy and paste, undo and redo, widgets, open and save.
 */
@ExtendWith(ApplicationExtension.class)
class EditorWindowTest {
    static {
        FxTestSupport.configureScreen();
    }

    @TempDir
    Path dir;
    EditorWindow w;
    final ScriptedDialogs dialogs = new ScriptedDialogs();
    final FakeNodes nodes = new FakeNodes();

    @Start
    void start(Stage stage) {
        w = FxTestSupport.open(stage, dir, Optional.of(UiFixtures.TXT2IMG), dialogs, nodes);
        w.model().selection().clear();
        w.canvas().fit();
    }

    // ---- helpers

    private Graph graph() {
        return fx(() -> w.model().graph().copy());
    }

    private NodeLayout layout(int id) {
        return fx(() -> w.model().geometry().layout(id).orElseThrow());
    }

    private Point2D at(Point canvas) {
        return FxTestSupport.screen(w, canvas);
    }

    private Point2D title(int id) {
        NodeLayout l = layout(id);
        return at(new Point(l.frame().x() + l.frame().width() / 2, l.frame().y() + 15));
    }

    private Point2D emptyCanvas() {
        return fx(() -> w.canvas().localToScreen(40, 40));
    }

    private void dragBetween(FxRobot robot, Point2D from, Point2D to) {
        robot.moveTo(from).press(MouseButton.PRIMARY);
        robot.moveBy((to.getX() - from.getX()) / 2, (to.getY() - from.getY()) / 2);
        robot.moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int countOf(String type) {
        return (int) graph().nodes().stream().filter(n -> n.type().equals(type)).count();
    }

    // ---- tests

    @Test
    void addsANodeByDraggingItFromTheLibraryOntoTheCanvas(FxRobot robot) {
        robot.clickOn("#library-search").write("KSampler");
        WaitForAsyncUtils.waitForFxEvents();
        TreeCell<?> cell = robot.lookup(".tree-cell").match((TreeCell<?> c) -> "KSampler".equals(c.getText()))
                .query();
        Point2D drop = emptyCanvas().add(60, 60);
        robot.drag(cell, MouseButton.PRIMARY).moveTo(drop).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, countOf("KSampler"));
        Node added = graph().nodes().stream().filter(n -> n.type().equals("KSampler") && n.id() != 3).findFirst()
                .orElseThrow();
        Point2D topLeft = at(new Point(added.pos().x(), added.pos().y() - 30));
        assertEquals(drop.getX(), topLeft.getX(), 2);
        assertEquals(drop.getY(), topLeft.getY(), 2);
    }

    @Test
    void addsANodeFromTheSearchBoxOpenedByDoubleClick(FxRobot robot) {
        robot.doubleClickOn(emptyCanvas(), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("empty latent");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, countOf("EmptyLatentImage"));
    }

    @Test
    void wiresCompatibleSocketsRefusesIncompatibleOnesAndUnwires(FxRobot robot) {
        int links = graph().links().size();
        // VAE output of the checkpoint loader onto the KSampler's MODEL input: refused
        dragBetween(robot, at(layout(4).outputs().get(2)), at(layout(3).inputs().get(0)));
        assertEquals(links, graph().links().size());
        assertEquals(4, graph().inputLink(3, 0).orElseThrow().originId());
        assertTrue(fx(w::statusText).contains("types differ"), fx(w::statusText));

        // pull the VAE Decode's vae wire off onto empty canvas: unwired
        dragBetween(robot, at(layout(8).inputs().get(1)), emptyCanvas());
        assertTrue(graph().inputLink(8, 1).isEmpty());
        assertEquals(links - 1, graph().links().size());

        // and wire it again from the loader's VAE output
        dragBetween(robot, at(layout(4).outputs().get(2)), at(layout(8).inputs().get(1)));
        assertEquals(4, graph().inputLink(8, 1).orElseThrow().originId());
        assertEquals(links, graph().links().size());
    }

    @Test
    void movesCopiesPastesAndUndoesAndRedoesAcrossThoseEdits(FxRobot robot) {
        Graph before = graph();
        Point start = before.requireNode(5).pos();
        Point2D from = title(5);
        dragBetween(robot, from, from.add(80, 40));
        Point moved = graph().requireNode(5).pos();
        double scale = fx(() -> w.model().viewport().scale());
        assertEquals(start.x() + 80 / scale, moved.x(), 1.5 / scale);
        assertEquals(start.y() + 40 / scale, moved.y(), 1.5 / scale);

        robot.clickOn(title(5));
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        robot.moveTo(emptyCanvas().add(30, 30));
        robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, countOf("EmptyLatentImage"));
        assertEquals(before.nodeCount() + 1, graph().nodeCount());

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before.nodeCount(), graph().nodeCount());
        assertEquals(moved, graph().requireNode(5).pos());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(start, graph().requireNode(5).pos());
        assertFalse(fx(() -> w.model().document().dirty()));

        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(moved, graph().requireNode(5).pos());
        assertEquals(before.nodeCount() + 1, graph().nodeCount());
    }

    @Test
    void changesWidgetsWithTheArrowsAndByTyping(FxRobot robot) {
        WidgetBox steps = layout(3).widgets().get(2);
        Point2D right = at(new Point(steps.rect().x() + steps.rect().width() - 5, steps.rect().y() + 10));
        robot.clickOn(right);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(21, graph().requireNode(3).widgetValue(2).orElseThrow().getAsInt());

        robot.clickOn(at(new Point(steps.rect().x() + steps.rect().width() / 2, steps.rect().y() + 10)));
        WaitForAsyncUtils.waitForFxEvents();
        TextInputControl editor = robot.lookup("#widget-editor").queryAs(TextInputControl.class);
        assertEquals("21", fx(editor::getText));
        robot.eraseText(2).write("33").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(33, graph().requireNode(3).widgetValue(2).orElseThrow().getAsInt());
        assertTrue(fx(() -> w.stage().getTitle()).contains("•"), "the title marks unsaved changes");
    }

    @Test
    void picksAComboChoiceFromItsListAndEditsThePromptText(FxRobot robot) {
        WidgetBox sampler = layout(3).widgets().get(4);
        robot.clickOn(at(new Point(sampler.rect().x() + sampler.rect().width() / 2, sampler.rect().y() + 10)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("heun");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("heunpp2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("heunpp2", graph().requireNode(3).widgetValue(4).orElseThrow().getAsString());

        WidgetBox text = layout(6).widgets().get(0);
        robot.clickOn(at(new Point(text.rect().x() + 40, text.rect().y() + 30)));
        WaitForAsyncUtils.waitForFxEvents();
        TextInputControl editor = robot.lookup("#widget-editor").queryAs(TextInputControl.class);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("a lighthouse, {dawn|dusk}");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("a lighthouse, {dawn|dusk}", graph().requireNode(6).widgetValue(0).orElseThrow().getAsString());
        assertFalse(fx(editor::isVisible) && fx(() -> editor.getParent() != null), "the editor closed");
    }

    @Test
    void opensTheSampleFromTheMenuSavesItAndTheFileMatches(FxRobot robot) throws Exception {
        FxTestSupport.onFx(() -> w.documents().newDocument());
        dialogs.next(UiFixtures.SAMPLE.toAbsolutePath());
        robot.clickOn("File").clickOn("Open…");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(8, graph().nodeCount());
        Path saved = dir.resolve("saved.json");
        dialogs.next(saved);
        robot.clickOn("File").clickOn("Save As…");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(saved));
        JsonEquality.assertJsonEquals(JsonParser.parseString(Files.readString(UiFixtures.SAMPLE)),
                JsonParser.parseString(Files.readString(saved)));
        assertEquals(List.of(saved.toAbsolutePath().normalize()), fx(() -> w.settings().get().recentFiles()).subList(0, 1));
        assertFalse(fx(() -> w.stage().getTitle()).contains("•"));
    }

    private long seed() {
        return graph().requireNode(3).widgetValue(0).orElseThrow().getAsLong();
    }

    private void awaitEndedRuns(int n) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.model().runs().runs().stream()
                .filter(r -> r.status().ended()).count() >= n));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runShowsNodeStatesTheSavedImageAndThePreviewAndRandomizesTheSeed(FxRobot robot) throws Exception {
        long seed = seed();
        robot.clickOn("#run-button");
        awaitEndedRuns(1);
        assertEquals(RunStatus.SUCCESS, fx(() -> w.model().runs().runs().get(0).status()));
        assertEquals(NodeStatus.DONE, fx(() -> w.model().runs().node(3).status()));
        assertEquals(NodeStatus.DONE, fx(() -> w.model().runs().node(9).status()));
        OutputImage saved = fx(() -> w.model().runs().images(9).get(0));
        assertTrue(Files.isRegularFile(dir.resolve("output").resolve(saved.filename())));
        assertNotNull(fx(() -> w.runPanel().preview().getImage()));
        assertTrue(fx(() -> w.runPanel().preview().getImage().getUrl()).endsWith(saved.filename()),
                "the newest image, the one SaveImage wrote, is in the preview panel");
        assertNotEquals(seed, seed(), "control_after_generate randomized the seed after queueing");
    }

    @Test
    void runOnChangeRerunsOnlyWhatAWidgetChangeInvalidated(FxRobot robot) throws Exception {
        robot.clickOn("#run-on-change");
        awaitEndedRuns(1);
        int loader = nodes.executions("CheckpointLoaderSimple");
        int sampler = nodes.executions("KSampler");
        WidgetBox cfg = layout(3).widgets().get(3);
        robot.clickOn(at(new Point(cfg.rect().x() + cfg.rect().width() * 0.3, cfg.rect().y() + 10)));
        awaitEndedRuns(2);
        assertEquals(30.0, graph().requireNode(3).widgetValue(3).orElseThrow().getAsDouble(), 0.51);
        assertEquals(loader, nodes.executions("CheckpointLoaderSimple"), "the loader's output came from the cache");
        assertEquals(sampler + 1, nodes.executions("KSampler"));
        assertEquals(NodeStatus.DONE, fx(() -> w.model().runs().node(3).status()));
    }
}
