package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Point;
import java.util.Optional;

/**
 * What the renderer draws on top of the graph for the gesture in progress.
 *
 * @param wire the fixed end of a wire being dragged
 * @param wireTip where the loose end is, in canvas units
 * @param box the rubber band, in canvas units
 * @param hover what the pointer is over (socket highlight)
 */
public record InteractionOverlay(Optional<WireEnd> wire, Point wireTip, Optional<Bounds> box, Hit hover) {
    public static final InteractionOverlay NONE = new InteractionOverlay(Optional.empty(), null, Optional.empty(),
            new Hit.Empty());
}
