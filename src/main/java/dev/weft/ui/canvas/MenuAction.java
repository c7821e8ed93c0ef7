package dev.weft.ui.canvas;

/** One entry of a context menu the controller asks the UI to show. */
public record MenuAction(String label, boolean enabled, Runnable action) {
    public static MenuAction of(String label, Runnable action) {
        return new MenuAction(label, true, action);
    }
}
