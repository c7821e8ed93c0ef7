/**
 * Themes: {@code themes/dark.css} and {@code themes/light.css} define colour tokens; Weft's style
 * sheet and the canvas use only tokens. {@link dev.weft.ui.theme.ThemeManager} switches themes at
 * run time and resolves the canvas's colours through JavaFX's CSS engine.
 */
package dev.weft.ui.theme;
