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
import javafx.scene.canvas.GraphicsContext;

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
 * @param lowDetail whether text and widgets are left out (zoomed far out)
 */
record RenderContext(GraphicsContext gc, EditorModel model, GraphGeometry geometry, CanvasPalette palette, FxText text,
        ImageCache images, Function<OutputImage, Optional<Path>> locate, InteractionOverlay overlay, Bounds visible,
        double scale, boolean lowDetail) {
}
