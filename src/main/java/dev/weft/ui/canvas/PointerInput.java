package dev.weft.ui.canvas;

/**
 * A mouse event as the interaction controller sees it: screen position in the canvas's own pixels,
 * the button, the modifier keys and the click count.
 */
public record PointerInput(double x, double y, Button button, Modifiers mods, int clickCount) {
    public enum Button {
        PRIMARY, MIDDLE, SECONDARY, NONE
    }

    /** Modifier keys held. {@code shortcut} is Ctrl (Cmd on macOS). */
    public record Modifiers(boolean shift, boolean shortcut, boolean alt) {
        public static final Modifiers NONE = new Modifiers(false, false, false);
    }

    public static PointerInput primary(double x, double y) {
        return new PointerInput(x, y, Button.PRIMARY, Modifiers.NONE, 1);
    }
}
