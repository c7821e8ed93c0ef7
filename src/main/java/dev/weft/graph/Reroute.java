package dev.weft.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * A native LiteGraph link reroute (a point a wire bends through), not the legacy Reroute node.
 *
 * @param id reroute id, unique in the graph
 * @param parentId the reroute before this one on the wire, or {@code null}
 * @param pos position in canvas units
 * @param linkIds ids of the links passing through
 * @param floating the {@code floating} object ({@code {"slotType": "input"|"output"}}) of a reroute
 *     with a loose end, or {@code null}
 * @param extra other keys, written back unchanged
 */
public record Reroute(int id, Integer parentId, Point pos, List<Integer> linkIds, JsonElement floating,
        JsonObject extra) {
    public Reroute {
        if (pos == null) {
            throw new IllegalArgumentException("reroute " + id + " needs a position");
        }
        linkIds = List.copyOf(linkIds);
        floating = floating == null ? null : floating.deepCopy();
        extra = JsonCopies.object(extra);
    }

    public Reroute withPos(Point p) {
        return new Reroute(id, parentId, p, linkIds, floating, extra);
    }

    public Reroute withLinkIds(List<Integer> ids) {
        return new Reroute(id, parentId, pos, ids, floating, extra);
    }

    public Reroute withParent(Integer parent) {
        return new Reroute(id, parent, pos, linkIds, floating, extra);
    }
}
