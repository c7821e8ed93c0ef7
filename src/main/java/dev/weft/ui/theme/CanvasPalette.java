package dev.weft.ui.theme;

import java.util.Locale;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The canvas's colours, resolved from the active theme's tokens (see {@link ThemeManager}). The
 * canvas draws in immediate mode, so it cannot use CSS directly; it reads these instead.
 *
 * @param tokens every resolved token by name (e.g. {@code -color-node-bg})
 * @param sockets socket type token (e.g. {@code -socket-model}) to colour
 */
public record CanvasPalette(Map<String, Color> tokens, Map<String, Color> sockets) {
    /** Tokens the canvas reads; each must be defined by every theme. */
    public static final String[] TOKENS = {"-color-canvas-bg", "-color-canvas-grid", "-color-canvas-grid-major",
        "-color-node-bg", "-color-node-title-bg", "-color-node-title-fg", "-color-node-fg", "-color-node-border",
        "-color-node-selected", "-color-widget-bg", "-color-widget-border", "-color-widget-fg", "-color-widget-label",
        "-color-widget-fill", "-color-link-default", "-color-group-fg", "-color-bypass", "-color-placeholder-bg",
        "-color-placeholder-title", "-color-minimap-bg", "-color-minimap-node", "-color-minimap-view",
        "-color-state-queued", "-color-state-running", "-color-state-cached", "-color-state-done",
        "-color-state-error", "-color-accent-emphasis", "-color-fg-on-emphasis", "-color-danger-fg"};

    /** Socket types with a colour token; others use {@code -socket-default}. */
    public static final String[] SOCKET_TYPES = {"DEFAULT", "CLIP", "CLIP_VISION", "CLIP_VISION_OUTPUT",
        "CONDITIONING", "CONTROL_NET", "IMAGE", "LATENT", "MASK", "MODEL", "STYLE_MODEL", "VAE", "NOISE", "INT",
        "FLOAT", "STRING", "BOOLEAN", "COMBO", "SIGMAS", "SAMPLER", "GUIDER", "UPSCALE_MODEL"};

    public CanvasPalette {
        tokens = Map.copyOf(tokens);
        sockets = Map.copyOf(sockets);
    }

    /** The token name of a socket type's colour. */
    public static String socketToken(String type) {
        return "-socket-" + type.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Color color(String token) {
        Color c = tokens.get(token);
        if (c == null) {
            throw new IllegalArgumentException("theme token " + token + " is not resolved; add it to CanvasPalette.TOKENS");
        }
        return c;
    }

    /**
     * The colour of a socket type: its token, or for a comma union the first member with one, else
     * the default socket colour.
     */
    public Color socket(String type) {
        Color c = sockets.get(socketToken(type));
        if (c != null) {
            return c;
        }
        if (type.indexOf(',') >= 0) {
            for (String t : type.split(",")) {
                Color m = sockets.get(socketToken(t.trim()));
                if (m != null) {
                    return m;
                }
            }
        }
        return sockets.get(socketToken("DEFAULT"));
    }

    /** Whether the canvas background is light (node colours from files are softened then). */
    public boolean light() {
        return color("-color-canvas-bg").getBrightness() > 0.5;
    }
}
