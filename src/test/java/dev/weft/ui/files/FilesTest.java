package dev.weft.ui.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.GraphEdit;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.canvas.Viewport;
import dev.weft.ui.model.Document;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.run.ManualScheduler;
import dev.weft.workflow.PngMetadata;
import dev.weft.workflow.UiWorkflowWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {
    @TempDir
    Path dir;

    private Path png(String name) throws Exception {
        Path p = dir.resolve(name);
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", p.toFile());
        return p;
    }

    @Test
    void droppedFilesOpenAsWorkflowsOrBecomeImagesByWhatTheyHold() throws Exception {
        Path plain = png("photo.png");
        Path withWorkflow = dir.resolve("made-by-comfy.png");
        Files.write(withWorkflow, PngMetadata.withText(Files.readAllBytes(plain),
                Map.of("workflow", UiWorkflowWriter.toText(UiFixtures.txt2img())), "test"));
        Files.writeString(dir.resolve("notes.txt"), "hi");
        assertInstanceOf(DropAction.OpenWorkflow.class, DropAction.classify(UiFixtures.TXT2IMG));
        assertInstanceOf(DropAction.OpenWorkflow.class, DropAction.classify(withWorkflow));
        assertInstanceOf(DropAction.ImportImage.class, DropAction.classify(plain));
        assertInstanceOf(DropAction.Unsupported.class, DropAction.classify(dir.resolve("notes.txt")));
    }

    @Test
    void importedImagesKeepTheirNameReuseIdenticalFilesAndNumberClashesLikeComfyUi() throws Exception {
        Path input = dir.resolve("input");
        Path a = png("cat.png");
        assertEquals("cat.png", ImageImport.copyIntoInput(a, input));
        assertEquals("cat.png", ImageImport.copyIntoInput(a, input));
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", other.resolve("cat.png").toFile());
        assertEquals("cat (1).png", ImageImport.copyIntoInput(other.resolve("cat.png"), input));
    }

    @Test
    void saveWritesTheCameraOnlyWhenItMovedSoAnUntouchedFileRoundTrips() throws Exception {
        Document d = DocumentIo.open(UiFixtures.TXT2IMG, UiFixtures.catalog(dir)).document();
        assertEquals(Optional.of(new Viewport.State(0, 0, 1)), d.storedView());
        JsonObject same = DocumentIo.toJson(d, new Viewport.State(0, 0, 1));
        assertEquals(1, same.getAsJsonObject("extra").getAsJsonObject("ds").get("scale").getAsInt());
        JsonObject moved = DocumentIo.toJson(d, new Viewport.State(-20, 35.5, 0.75));
        JsonObject ds = moved.getAsJsonObject("extra").getAsJsonObject("ds");
        assertEquals(0.75, ds.get("scale").getAsDouble());
        assertEquals(35.5, ds.getAsJsonArray("offset").get(1).getAsDouble());
        Path out = dir.resolve("out.json");
        d.history().perform(new GraphEdit.SetWidgetValue(3, 2, new JsonPrimitive(30)));
        assertTrue(d.dirty());
        DocumentIo.save(d, out, new Viewport.State(0, 0, 1));
        assertFalse(d.dirty());
        assertEquals(out, d.file().orElseThrow());
    }

    @Test
    void aWorkflowFromAPngIsNotBoundToTheImage() throws Exception {
        Path plain = png("x.png");
        Path withWorkflow = dir.resolve("gen.png");
        Files.write(withWorkflow, PngMetadata.withText(Files.readAllBytes(plain),
                Map.of("workflow", UiWorkflowWriter.toText(UiFixtures.txt2img())), "test"));
        Document d = DocumentIo.open(withWorkflow, UiFixtures.catalog(dir)).document();
        assertTrue(d.file().isEmpty());
        assertEquals("gen.png", d.name());
        assertEquals(7, d.graph().nodeCount());
    }

    @Test
    void autosaveWritesTheRecoveryCopyAfterChangesAndClearsItAfterASave() throws Exception {
        EditorModel m = UiFixtures.model(dir);
        RecoveryStore store = new RecoveryStore(dir.resolve("settings"));
        ManualScheduler clock = new ManualScheduler();
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        Autosaver a = new Autosaver(m, store, clock, Runnable::run, Clock.fixed(at, ZoneOffset.UTC), msg -> { });
        m.perform(new GraphEdit.SetWidgetValue(3, 2, new JsonPrimitive(31)));
        m.perform(new GraphEdit.SetWidgetValue(3, 2, new JsonPrimitive(32)));
        assertTrue(store.read().isEmpty(), "edits within the delay are gathered");
        clock.advance(Duration.ofMillis(300));
        RecoveryStore.Recovery r = store.read().orElseThrow();
        assertEquals(at, r.savedAt());
        assertEquals(UiFixtures.TXT2IMG.toAbsolutePath(), r.source().orElseThrow());
        Document back = DocumentIo.fromJson(r.workflow(), r.source());
        assertEquals(32, back.graph().requireNode(3).widgetValue(2).orElseThrow().getAsInt());
        a.clear();
        assertTrue(store.read().isEmpty());
        assertFalse(Files.exists(store.file()));
    }
}
