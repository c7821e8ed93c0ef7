package dev.weft.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.exec.FakeNodes;
import dev.weft.ui.EditorWindow;
import dev.weft.ui.UiFixtures;
import dev.weft.ui.settings.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the editor with the txt2img sample in both themes to target/screenshots/dark.png and
 * light.png, for a reviewer to look at.
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
        window = FxTestSupport.open(s, dir, Optional.of(UiFixtures.TXT2IMG), new ScriptedDialogs(), new FakeNodes());
    }

    @Test
    void rendersTheTxt2imgWorkflowInBothThemes() {
        Path out = Path.of("target/screenshots");
        FxTestSupport.onFx(() -> {
            window.model().selection().clear();
            window.canvas().fit();
            window.model().selection().selectOnly(3);
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
