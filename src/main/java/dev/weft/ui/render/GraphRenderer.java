package dev.weft.ui.render;

import dev.weft.graph.Bounds;
import dev.weft.ui.canvas.GraphGeometry;
import dev.weft.ui.canvas.InteractionOverlay;
import dev.weft.ui.canvas.LiteGraphMetrics;
import dev.weft.ui.canvas.MinimapGeometry;
import dev.weft.ui.canvas.NodeLayout;
import dev.weft.ui.canvas.Rects;
import dev.weft.ui.canvas.Viewport;
import dev.weft.ui.canvas.Wiring;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.OutputImage;
import dev.weft.ui.theme.CanvasPalette;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.transform.Affine;

/**
 * Draws the whole canvas in immediate mode: background grid, groups, wires, nodes (only those in
 * view; shapes only below {@link LiteGraphMetrics#LOW_DETAIL_SCALE}), the gesture overlay and the
 * minimap. Stateless apart from its caches; FX thread only.
 */
public final class GraphRenderer {
    private final FxText text;
    private final ImageCache images;
    private Function<OutputImage, Optional<Path>> locate = i -> Optional.empty();

    /** Counters of the last frame, for the benchmark and tests. */
    public record Stats(int nodesDrawn, int nodesTotal, boolean lowDetail) {
    }

    private Stats last = new Stats(0, 0, false);

    public GraphRenderer(FxText text, ImageCache images) {
        this.text = text;
        this.images = images;
    }

    /** Where output and input images are found. */
    public void setLocator(Function<OutputImage, Optional<Path>> l) {
        locate = l;
    }

    public Stats lastStats() {
        return last;
    }

    public void render(GraphicsContext gc, double width, double height, EditorModel model, CanvasPalette palette,
            InteractionOverlay overlay, boolean minimap) {
        Viewport v = model.viewport();
        double s = v.scale();
        Bounds visible = v.visibleArea(width, height);
        GraphGeometry geo = model.geometry();
        RenderContext c = new RenderContext(gc, model, geo, palette, text, images, locate, overlay, visible, s,
                v.offsetX(), v.offsetY(), s < LiteGraphMetrics.LOW_DETAIL_SCALE);

        gc.setTransform(new Affine());
        gc.setGlobalAlpha(1);
        gc.setFill(palette.color("-color-canvas-bg"));
        gc.fillRect(0, 0, width, height);
        gc.setTransform(s, 0, 0, s, v.offsetX() * s, v.offsetY() * s);
        GridPainter.paint(c);
        GroupPainter.paint(c);
        LinkPainter.paint(c);

        Set<Integer> selected = model.selection().nodes();
        Optional<Wiring> wiring = overlay.wire().map(w -> new Wiring(model.graph(), model.catalog()));
        List<NodeLayout> order = geo.drawOrder(selected);
        int drawn = 0;
        for (NodeLayout l : order) {
            Bounds f = l.frame();
            Bounds reach = new Bounds(f.x(), f.y(), f.width(), f.height() + MediaPainter.hangingRoom(l));
            if (!Rects.intersects(reach, visible)) {
                continue;
            }
            NodePainter.paint(c, l, selected.contains(l.nodeId()), wiring);
            drawn++;
        }
        LinkPainter.paintDragged(c);
        overlay.box().ifPresent(b -> {
            gc.setFill(palette.color("-color-accent-emphasis").deriveColor(0, 1, 1, 0.12));
            gc.fillRect(b.x(), b.y(), b.width(), b.height());
            gc.setStroke(palette.color("-color-accent-emphasis"));
            gc.setLineWidth(1 / s);
            gc.strokeRect(b.x(), b.y(), b.width(), b.height());
        });

        gc.setTransform(new Affine());
        if (minimap) {
            MinimapPainter.paint(c, MinimapGeometry.of(geo.extent(), visible, width, height));
        }
        last = new Stats(drawn, order.size(), c.lowDetail());
    }
}
