package dev.weft.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import dev.weft.nodes.ModelFolders;
import dev.weft.ui.canvas.TextMeasure;
import dev.weft.ui.files.Autosaver;
import dev.weft.ui.files.RecoveryStore;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.SpecCatalog;
import dev.weft.ui.run.ManualScheduler;
import dev.weft.ui.settings.SettingsHolder;
import dev.weft.ui.settings.SettingsStore;
import dev.weft.workflow.UiWorkflowWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file actions without a window: prompts and dialogs answer from the test. */
class DocumentActionsTest {
    @TempDir
    Path dir;
    ModelFolders folders;
    EditorModel model;
    DocumentActions docs;
    RecoveryStore recovery;
    ManualScheduler clock = new ManualScheduler();
    final List<String> asked = new ArrayList<>();
    UserPrompts.SaveChoice answer = UserPrompts.SaveChoice.DISCARD;
    boolean restore = true;

    @BeforeEach
    void setUp() {
        folders = UiFixtures.folders(dir);
        model = new EditorModel(SpecCatalog.load(Optional.empty(), folders), TextMeasure.approximate());
        UserPrompts prompts = new UserPrompts() {
            @Override
            public SaveChoice confirmDiscard(Window owner, String name) {
                asked.add("discard " + name);
                return answer;
            }

            @Override
            public boolean offerRecovery(Window owner, String source, Instant savedAt) {
                asked.add("recover " + source);
                return restore;
            }

            @Override
            public void error(Window owner, String title, String message) {
                asked.add("error " + message);
            }
        };
        recovery = new RecoveryStore(dir.resolve("settings"));
        Autosaver autosaver = new Autosaver(model, recovery, clock, Runnable::run, Clock.systemUTC(), asked::add);
        SettingsHolder settings = new SettingsHolder(new SettingsStore(dir.resolve("settings")), asked::add);
        docs = new DocumentActions(model, settings, null, prompts, autosaver, recovery, () -> null, () -> { },
                s -> { }, () -> model.setCatalog(SpecCatalog.load(Optional.empty(), folders)), () -> folders);
    }

    @Test
    void aDroppedImageWithoutMetadataIsCopiedIntoTheInputFolderAsALoadImageNode() throws Exception {
        Path photo = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        docs.drop(List.of(photo), new Point(100, 200));
        assertTrue(Files.isRegularFile(folders.inputFolder().resolve("photo.png")));
        Node n = model.graph().nodes().get(0);
        assertEquals("LoadImage", n.type());
        assertEquals(new JsonPrimitive("photo.png"), n.widgetValue(0).orElseThrow());
        assertTrue(model.catalog().find("LoadImage").orElseThrow().input("image").orElseThrow().stringChoices()
                .contains("photo.png"), "the combo lists the new file");
    }

    @Test
    void droppingAWorkflowOverUnsavedWorkAsksFirstAndCancelKeepsTheWork() throws Exception {
        docs.openWithoutAsking(UiFixtures.TXT2IMG);
        model.perform(new GraphEdit.SetWidgetValue(3, 2, new JsonPrimitive(40)));
        answer = UserPrompts.SaveChoice.CANCEL;
        docs.drop(List.of(UiFixtures.SAMPLE), new Point(0, 0));
        assertEquals(List.of("discard txt2img.json"), asked);
        assertEquals(7, model.graph().nodeCount());
        answer = UserPrompts.SaveChoice.DISCARD;
        docs.drop(List.of(UiFixtures.SAMPLE), new Point(0, 0));
        assertEquals(8, model.graph().nodeCount());
        assertFalse(model.document().dirty());
    }

    @Test
    void theRecoveryCopyOfACrashedSessionIsOfferedAndRestoredAsUnsavedWork() throws Exception {
        var g = UiFixtures.txt2img();
        g.apply(new GraphEdit.SetWidgetValue(3, 2, new JsonPrimitive(77)));
        recovery.write(UiWorkflowWriter.toJson(g), Optional.of(UiFixtures.TXT2IMG), Instant.now());
        assertTrue(docs.offerRecovery());
        assertEquals(List.of("recover txt2img.json"), asked);
        assertEquals(77, model.graph().requireNode(3).widgetValue(2).orElseThrow().getAsInt());
        assertTrue(model.document().dirty(), "closing asks again before the restored work is lost");
        assertTrue(model.document().file().isEmpty(), "saving asks where, rather than overwriting the old file");
    }

    @Test
    void declinedRecoveryIsRemoved() throws Exception {
        recovery.write(UiWorkflowWriter.toJson(UiFixtures.txt2img()), Optional.empty(), Instant.now());
        restore = false;
        assertFalse(docs.offerRecovery());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(recovery.read().isEmpty());
    }
}
