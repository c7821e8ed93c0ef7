package dev.weft.ui.render;

import dev.weft.nodes.PreviewFrame;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * JavaFX images for what nodes show: preview frames (converted once per frame object) and output
 * image files (loaded in the background; {@code onLoaded} asks for a redraw when one arrives).
 * FX thread only.
 */
public final class ImageCache {
    /** Output images kept before the cache is cleared. */
    static final int FILE_LIMIT = 64;

    private final Map<PreviewFrame, Image> frames = new IdentityHashMap<>();
    private final Map<Path, Image> files = new HashMap<>();
    private final Runnable onLoaded;

    public ImageCache(Runnable onLoaded) {
        this.onLoaded = onLoaded;
    }

    /** The image of a preview frame; older frames are forgotten as new ones arrive. */
    public Image frame(PreviewFrame f) {
        Image img = frames.get(f);
        if (img == null) {
            if (frames.size() > 32) {
                frames.clear();
            }
            WritableImage w = new WritableImage(f.width(), f.height());
            w.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getByteRgbInstance(), f.rgb(), 0,
                    f.width() * 3);
            frames.put(f, w);
            img = w;
        }
        return img;
    }

    /** The image in a file, or {@code null} while it is still loading or if it failed. */
    public Image file(Path p) {
        Image img = files.get(p);
        if (img == null) {
            if (files.size() > FILE_LIMIT) {
                files.clear();
            }
            img = new Image(p.toUri().toString(), true);
            files.put(p, img);
            if (img.getProgress() < 1) {
                img.progressProperty().addListener((o, a, b) -> {
                    if (b.doubleValue() >= 1) {
                        onLoaded.run();
                    }
                });
            }
        }
        return img.getProgress() >= 1 && !img.isError() ? img : null;
    }
}
