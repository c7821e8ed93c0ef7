package dev.weft.ui.render;

import dev.weft.graph.Bounds;
import dev.weft.ui.canvas.GraphGeometry;
import dev.weft.ui.canvas.InteractionOverlay;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.theme.CanvasPalette;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Everything the painters need for one frame.
 *
 * @param gc where to draw; in canvas units while the graph is drawn
 * @param model the editor state
 * @param geometry layouts and wires of the open graph
 * @param palette theme colours
 * @param text fonts and metrics
 * @param images preview and output images
 * @param locate finds the file of an output image
 * @param overlay the gesture in progress
 * @param visible the canvas area in view (for culling)
 * @param scale the zoom
 * @param offsetX the camera's x offset in canvas units ({@code screen = (canvas + offset) * scale})
 * @param offsetY the camera's y offset
 * @param lowDetail whether text and widgets are left out (zoomed far out)
 */
record RenderContext(GraphicsContext gc, EditorModel model, GraphGeometry geometry, CanvasPalette palette, FxText text,
        ImageCache images, Function<OutputImage, Optional<Path>> locate, InteractionOverlay overlay, Bounds visible,
        double scale, double offsetX, double offsetY, boolean lowDetail) {

    /** Text smaller than this many pixels is not drawn: it could not be read anyway. */
    static final double MIN_TEXT_PX = 4;

    /**
     * Draws one line of text at canvas point {@code (x, y)} (vertically centred there) with a font
     * of {@code size} canvas units. The text is drawn without the zoom transform, with the font
     * scaled instead and its size rounded to half pixels: under a scaling transform the software
     * pipeline fills every glyph as a path, while untransformed text comes from its glyph cache.
     */
    void text(String s, double x, double y, double size, Color color, TextAlignment align) {
        double px = Math.round(size * scale * 2) / 2.0;
        if (px < MIN_TEXT_PX || s.isEmpty()) {
            return;
        }
        gc.setTransform(1, 0, 0, 1, 0, 0);
        gc.setFont(text.font(px));
        gc.setFill(color);
        gc.setTextAlign(align);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(s, Math.round((x + offsetX) * scale), Math.round((y + offsetY) * scale));
        gc.setTransform(scale, 0, 0, scale, offsetX * scale, offsetY * scale);
    }
}
