package dev.weft.ui.render;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/** Parses the CSS colours that workflow files store on nodes and groups (cached; bad ones fall back). */
final class Colors {
    private static final Map<String, Color> CACHE = new HashMap<>();

    private Colors() {
    }

    /** The colour {@code css} names, or {@code fallback} when it is absent or not a colour. */
    static Color parse(String css, Color fallback) {
        if (css == null || css.isBlank()) {
            return fallback;
        }
        Color c = CACHE.computeIfAbsent(css, k -> {
            try {
                return Color.web(k);
            } catch (IllegalArgumentException e) {
                // a node colour is a decoration from another editor; an unreadable one is drawn as default
                return Color.TRANSPARENT;
            }
        });
        return c.equals(Color.TRANSPARENT) ? fallback : c;
    }

    /** A file's node colour, softened toward the theme's default on light themes (as ComfyUI's light palette does). */
    static Color nodeColor(String css, Color themeDefault, boolean light) {
        Color c = parse(css, themeDefault);
        return light && c != themeDefault ? c.interpolate(themeDefault, 0.55) : c;
    }
}
