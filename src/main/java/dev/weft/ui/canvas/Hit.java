package dev.weft.ui.canvas;

import dev.weft.graph.Point;

/** What lies under a canvas point, from {@link HitTester}. */
public sealed interface Hit {
    /** Empty canvas (possibly inside a group's body, which acts like empty canvas). */
    record Empty() implements Hit {
    }

    record OutputSocket(int nodeId, int slot, Point centre) implements Hit {
    }

    record InputSocket(int nodeId, int index, Point centre) implements Hit {
    }

    /** An inline widget; {@code part} says which part of it (arrows, body, a row's field). */
    record Widget(int nodeId, WidgetBox box, WidgetPart part, int row) implements Hit {
    }

    record CollapseToggle(int nodeId) implements Hit {
    }

    record ResizeHandle(int nodeId) implements Hit {
    }

    record Title(int nodeId) implements Hit {
    }

    /** The state badge at the right of the title bar (error message tooltip). */
    record Badge(int nodeId) implements Hit {
    }

    record Body(int nodeId) implements Hit {
    }

    record Reroute(int rerouteId) implements Hit {
    }

    /** A wire; {@code piece} is the index of the spline piece hit (see {@link WirePath}). */
    record Wire(int linkId, int piece, Point at) implements Hit {
    }

    record GroupTitle(int groupIndex) implements Hit {
    }

    record GroupResize(int groupIndex) implements Hit {
    }

    /** The node a hit belongs to, or -1. */
    default int nodeId() {
        if (this instanceof OutputSocket h) {
            return h.nodeId();
        } else if (this instanceof InputSocket h) {
            return h.nodeId();
        } else if (this instanceof Widget h) {
            return h.nodeId();
        } else if (this instanceof CollapseToggle h) {
            return h.nodeId();
        } else if (this instanceof ResizeHandle h) {
            return h.nodeId();
        } else if (this instanceof Title h) {
            return h.nodeId();
        } else if (this instanceof Badge h) {
            return h.nodeId();
        } else if (this instanceof Body h) {
            return h.nodeId();
        }
        return -1;
    }
}
