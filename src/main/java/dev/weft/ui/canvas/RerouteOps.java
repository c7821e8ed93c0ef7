package dev.weft.ui.canvas;

import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Link;
import dev.weft.graph.Patch;
import dev.weft.graph.Point;
import dev.weft.graph.Reroute;
import java.util.List;
import java.util.Map;

/**
 * Native reroutes on wires. The graph model has an edit to add a reroute but none to thread an
 * existing link through it, so inserting one pairs {@link GraphEdit.AddReroute} with a
 * {@link Patch} that re-parents the link (or the next reroute down the wire). A patch is applied
 * like any edit, so undo restores the previous parents exactly.
 */
public final class RerouteOps {
    private RerouteOps() {
    }

    /**
     * Inserts a reroute at {@code at} on piece {@code piece} of a link's path (see
     * {@link WirePath}): piece 0 runs from the output to the first reroute, the last piece ends at
     * the input.
     */
    public static GraphEdit insert(Graph graph, GraphGeometry geo, int linkId, int piece, Point at) {
        Link link = graph.link(linkId).orElseThrow(() -> new IllegalArgumentException("the graph has no link " + linkId));
        List<Reroute> chain = geo.rerouteChain(link);
        int p = Math.max(0, Math.min(chain.size(), piece));
        int id = graph.nextRerouteId();
        Integer parent = p == 0 ? null : chain.get(p - 1).id();
        if (p == chain.size()) {
            // last piece: the new reroute becomes the link's last one
            Reroute r = new Reroute(id, parent, at, List.of(linkId), null, null);
            return GraphEdit.Compound.of(new GraphEdit.AddReroute(r), linksPatch(Map.of(linkId, link.withParent(id))));
        }
        // an inner piece ends at reroute `next`: the new one goes before it and carries its links
        Reroute next = chain.get(p);
        Reroute r = new Reroute(id, parent, at, next.linkIds(), null, null);
        return GraphEdit.Compound.of(new GraphEdit.AddReroute(r), reroutesPatch(Map.of(next.id(), next.withParent(id))));
    }

    private static Patch linksPatch(Map<Integer, Link> links) {
        return new Patch(Map.of(), null, links, null, Map.of(), null, null, null);
    }

    private static Patch reroutesPatch(Map<Integer, Reroute> reroutes) {
        return new Patch(Map.of(), null, Map.of(), null, reroutes, null, null, null);
    }
}
