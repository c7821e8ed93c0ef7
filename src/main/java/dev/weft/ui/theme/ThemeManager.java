package dev.weft.ui.theme;

import dev.weft.ui.settings.Theme;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Applies a theme to a scene (the theme's token style sheet, then Weft's component style sheet)
 * and resolves the tokens the canvas needs by letting JavaFX's own CSS engine look them up on a
 * hidden probe node, so the canvas always shows exactly the active style sheet's values. FX
 * thread only.
 */
public final class ThemeManager {
    /** Weft's component styles, which use only tokens. */
    public static final String COMPONENT_CSS = "/dev/weft/ui/weft.css";

    private Theme theme = Theme.DARK;
    private CanvasPalette palette;

    public Theme theme() {
        return theme;
    }

    /** The canvas colours of the theme last applied. */
    public CanvasPalette palette() {
        return palette;
    }

    /**
     * Switches {@code scene} to {@code t} and resolves the canvas palette on {@code host}, a pane
     * of that scene where a hidden probe can live.
     */
    public CanvasPalette apply(Scene scene, Pane host, Theme t) {
        theme = t;
        scene.getStylesheets().setAll(url(t.resource()), url(COMPONENT_CSS));
        palette = resolve(host);
        return palette;
    }

    /** Resolves every canvas token and socket colour against the style sheets {@code host} sees. */
    public static CanvasPalette resolve(Pane host) {
        Region probe = new Region();
        probe.getStyleClass().add("canvas-theme-probe");
        probe.setManaged(false);
        probe.setVisible(false);
        host.getChildren().add(probe);
        try {
            Map<String, Color> tokens = new HashMap<>();
            for (String token : CanvasPalette.TOKENS) {
                tokens.put(token, lookUp(probe, token));
            }
            Map<String, Color> sockets = new HashMap<>();
            for (String type : CanvasPalette.SOCKET_TYPES) {
                String token = CanvasPalette.socketToken(type);
                sockets.put(token, lookUp(probe, token));
            }
            return new CanvasPalette(tokens, sockets);
        } finally {
            host.getChildren().remove(probe);
        }
    }

    private static Color lookUp(Region probe, String token) {
        probe.setStyle("-fx-background-color: " + token + ";");
        probe.applyCss();
        Background bg = probe.getBackground();
        Paint p = bg == null || bg.getFills().isEmpty() ? null : bg.getFills().get(0).getFill();
        if (!(p instanceof Color c)) {
            throw new IllegalStateException("the theme does not define " + token
                    + "; every theme in themes/ must define the tokens listed in CanvasPalette");
        }
        return c;
    }

    private static String url(String resource) {
        URL u = ThemeManager.class.getResource(resource);
        if (u == null) {
            throw new IllegalStateException(resource + " is missing from the class path; the build copies themes/ and"
                    + " src/main/resources into it");
        }
        return u.toExternalForm();
    }
}
