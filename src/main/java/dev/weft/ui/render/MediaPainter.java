package dev.weft.ui.render;

import com.google.gson.JsonElement;
import dev.weft.graph.Bounds;
import dev.weft.graph.Node;
import dev.weft.nodes.PreviewFrame;
import dev.weft.ui.canvas.NodeLayout;
import dev.weft.ui.model.NodeStatus;
import dev.weft.ui.model.OutputImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;

/**
 * Images on nodes: the live preview of a running sampler, the images an output node saved, and
 * the picture a LoadImage node loads. Drawn in the node's spare area, or in a box hung below the
 * node when it has none (samplers have no spare room).
 */
final class MediaPainter {
    /** Tallest box hung below a node. */
    static final double MAX_HANGING = 256;

    private MediaPainter() {
    }

    /** The image a node shows now, if any. */
    static Optional<Image> imageFor(RenderContext c, Node n) {
        var runs = c.model().runs();
        Optional<PreviewFrame> preview = runs.preview(n.id());
        if (preview.isPresent() && runs.node(n.id()).status() == NodeStatus.RUNNING) {
            return Optional.of(c.images().frame(preview.get()));
        }
        List<OutputImage> out = runs.images(n.id());
        if (!out.isEmpty()) {
            Optional<Image> img = c.locate().apply(out.get(0)).map(p -> c.images().file(p));
            if (img.isPresent() && img.get() != null) {
                return img;
            }
        }
        if (preview.isPresent()) {
            return Optional.of(c.images().frame(preview.get()));
        }
        if ("LoadImage".equals(n.type())) {
            Optional<JsonElement> v = n.widgetValue(0);
            if (v.isPresent() && v.get().isJsonPrimitive() && !v.get().getAsString().isBlank()) {
                Optional<Path> p = c.locate().apply(new OutputImage(v.get().getAsString(), "", "input"));
                return p.map(path -> c.images().file(path));
            }
        }
        return Optional.empty();
    }

    /** Whether a node may draw below its frame (for culling). */
    static double hangingRoom(NodeLayout l) {
        return l.media() == null ? MAX_HANGING + 8 : 0;
    }

    static void paint(RenderContext c, NodeLayout l) {
        if (l.collapsed()) {
            return;
        }
        Optional<Image> img = imageFor(c, l.node());
        if (img.isEmpty() || img.get() == null || img.get().getWidth() <= 0) {
            return;
        }
        Image im = img.get();
        Bounds area = l.media();
        GraphicsContext gc = c.gc();
        if (area == null) {
            Bounds body = l.body();
            double h = Math.min(MAX_HANGING, body.width() * im.getHeight() / im.getWidth());
            area = new Bounds(body.x(), body.y() + body.height() + 6, body.width(), h);
            gc.setFill(c.palette().color("-color-node-bg"));
            Shapes.fillRounded(gc, area.x(), area.y(), area.width(), area.height(), 8);
        }
        double s = Math.min(area.width() / im.getWidth(), area.height() / im.getHeight());
        double w = im.getWidth() * s;
        double h = im.getHeight() * s;
        gc.drawImage(im, area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h);
    }
}
