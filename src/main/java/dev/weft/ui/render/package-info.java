/**
 * Drawing the canvas in immediate mode on a JavaFX {@link javafx.scene.canvas.Canvas}:
 * {@link dev.weft.ui.render.CanvasView} (redraw on a dirty flag, input to the interaction
 * controller) and {@link dev.weft.ui.render.GraphRenderer} with one painter per kind of thing.
 * Painters only read state.
 */
package dev.weft.ui.render;
