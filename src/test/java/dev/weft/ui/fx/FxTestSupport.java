package dev.weft.ui.fx;

import dev.weft.exec.FakeNodes;
import dev.weft.graph.Point;
import dev.weft.ui.EditorLauncher;
import dev.weft.ui.EditorWindow;
import dev.weft.ui.LaunchOptions;
import dev.weft.ui.UiFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/** Helpers shared by the tests that drive the real editor window. */
final class FxTestSupport {
    /**
     * Gives Monocle's headless screen room for the 1440 x 900 window (its default, 1280 x 800,
     * is smaller and windows beyond the screen fail to compose). Call from a static initialiser of
     * each test class: the toolkit reads it once, when it starts.
     */
    static void configureScreen() {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private FxTestSupport() {
    }

    /**
     * Opens the editor in {@code stage} with settings, models and input under {@code dir}, running
     * the real executor on fake node implementations.
     */
    static EditorWindow open(Stage stage, Path dir, Optional<Path> workflow, ScriptedDialogs dialogs, FakeNodes nodes) {
        var folders = UiFixtures.folders(dir);
        LaunchOptions o = LaunchOptions.defaults().withSettingsFolder(dir.resolve("settings"))
                .withModelsFolder(folders.modelsRoot()).withDialogs(dialogs).withRegistry(nodes::registry);
        try {
            Files.createDirectories(dir.resolve("settings"));
            Files.writeString(dir.resolve("settings/settings.json"), "{\"inputFolder\": \"" + json(folders.inputFolder())
                    + "\", \"outputFolder\": \"" + json(dir.resolve("output")) + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EditorWindow w = EditorLauncher.open(stage, workflow, o);
        stage.setX(0);
        stage.setY(0);
        return w;
    }

    private static String json(Path p) {
        return p.toString().replace("\\", "\\\\");
    }

    /** Runs {@code c} on the FX thread and waits for its result. */
    static <T> T fx(Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void onFx(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** The screen point of a canvas point of the editor's canvas. */
    static Point2D screen(EditorWindow w, Point canvasPoint) {
        return fx(() -> {
            Point p = w.model().viewport().toScreen(canvasPoint);
            return w.canvas().localToScreen(p.x(), p.y());
        });
    }

    /** Writes a snapshot of the window's scene as PNG (no javafx-swing needed). */
    static void snapshot(Stage stage, Path png) {
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(png.getParent());
            ImageIO.write(out, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
