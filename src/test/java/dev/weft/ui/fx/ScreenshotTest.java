package dev.weft.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.FakeNodes;
import dev.weft.nodes.PreviewFrame;
import dev.weft.ui.EditorWindow;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.settings.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the editor with samples/txt2img.json loaded, in both themes, to
 * target/screenshots/dark.png and light.png for a reviewer to look at. A run in progress is
 * played into the editor (the loader and prompts cached, the sampler at step 12 of 20 with a
 * preview, the save node queued) so the run states show too.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    static {
        FxTestSupport.configureScreen();
    }

    @TempDir
    static Path dir;
    EditorWindow window;
    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        window = FxTestSupport.open(s, dir, Optional.of(UiFixtures.SAMPLE), new ScriptedDialogs(), new FakeNodes());
    }

    /** A soft dawn-coloured gradient with a bright disc, standing in for a sampler preview. */
    static PreviewFrame preview(int size) {
        byte[] rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double t = (double) y / size;
                double d = Math.hypot(x - size * 0.68, y - size * 0.38) / size;
                double sun = Math.max(0, 1 - d * 5);
                int i = (y * size + x) * 3;
                rgb[i] = (byte) Math.min(255, 90 + 150 * (1 - t) + 80 * sun);
                rgb[i + 1] = (byte) Math.min(255, 110 + 90 * (1 - t) + 70 * sun);
                rgb[i + 2] = (byte) Math.min(255, 170 - 60 * t + 20 * sun);
            }
        }
        return new PreviewFrame(size, size, rgb);
    }

    @Test
    void rendersTheTxt2imgSampleInBothThemes() {
        Path out = Path.of("target/screenshots");
        FxTestSupport.onFx(() -> {
            stage.setWidth(1600);
            stage.setHeight(1000);
        });
        WaitForAsyncUtils.waitForFxEvents();
        FxTestSupport.onFx(() -> {
            window.model().selection().clear();
            window.canvas().fit();
            window.model().selection().selectOnly(3);
            window.model().runs().submitted("run-1", "Run", List.of(3, 4, 5, 6, 7, 8, 9, 10));
            window.model().runs().applyAll(List.of(new ExecutionEvent.Started("run-1"),
                    new ExecutionEvent.Cached("run-1", List.of("4", "6", "7", "10")),
                    new ExecutionEvent.NodeStarted("run-1", "5"),
                    new ExecutionEvent.Executed("run-1", "5", new com.google.gson.JsonObject()),
                    new ExecutionEvent.NodeStarted("run-1", "3"),
                    new ExecutionEvent.Progress("run-1", "3", 12, 20),
                    new ExecutionEvent.Preview("run-1", "3", preview(128))));
            window.runPanel().lookupAll(".tab-pane").forEach(n -> ((TabPane) n).getSelectionModel().select(2));
        });
        for (Theme t : Theme.values()) {
            FxTestSupport.onFx(() -> {
                window.setTheme(t);
                window.canvas().renderNow();
            });
            WaitForAsyncUtils.waitForFxEvents();
            Path png = out.resolve(t.key() + ".png");
            FxTestSupport.snapshot(stage, png);
            assertTrue(Files.isRegularFile(png));
            assertEquals(t, window.theme());
        }
    }
}
