package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Group;
import dev.weft.graph.Node;
import dev.weft.graph.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Groups: which nodes a group holds, making one around the selection, moving one with its nodes. */
public final class GroupOps {
    private GroupOps() {
    }

    /** Nodes whose frame's centre lies inside the group (what moves with it). */
    public static List<Integer> nodesInside(GraphGeometry geo, Group g) {
        List<Integer> ids = new ArrayList<>();
        for (Node n : geo.graph().nodes()) {
            if (g.bounding().contains(Rects.centre(geo.layout(n).frame()))) {
                ids.add(n.id());
            }
        }
        return ids;
    }

    /**
     * A group around the given nodes with {@link LiteGraphMetrics#GROUP_PADDING} of room and its
     * title bar above them (Ctrl+G), or empty when no node is given.
     */
    public static Optional<GraphEdit> groupAround(GraphGeometry geo, Set<Integer> nodeIds, String title) {
        Optional<Bounds> box = geo.extentOf(nodeIds);
        if (box.isEmpty()) {
            return Optional.empty();
        }
        double pad = LiteGraphMetrics.GROUP_PADDING;
        double head = LiteGraphMetrics.groupTitleHeight(LiteGraphMetrics.GROUP_FONT);
        Bounds b = box.get();
        Bounds bounding = new Bounds(b.x() - pad, b.y() - pad - head, b.width() + 2 * pad, b.height() + 2 * pad + head);
        Graph g = geo.graph();
        return Optional.of(new GraphEdit.AddGroup(new Group(g.nextGroupId(), title, bounding, "#3f789e",
                LiteGraphMetrics.GROUP_FONT, null, null)));
    }

    /** Where a group and its nodes were when a drag began. */
    public record DragStart(int index, Bounds bounds, Map<Integer, Point> nodes) {
        public static DragStart of(GraphGeometry geo, int index) {
            Group g = geo.graph().groups().get(index);
            Map<Integer, Point> pos = new LinkedHashMap<>();
            for (int id : nodesInside(geo, g)) {
                Node n = geo.graph().requireNode(id);
                if (!n.isPinned()) {
                    pos.put(id, n.pos());
                }
            }
            return new DragStart(index, g.bounding(), pos);
        }
    }

    /** The edit that puts the group and its nodes {@code (dx, dy)} away from where the drag began. */
    public static GraphEdit moved(Graph graph, DragStart start, double dx, double dy) {
        Group g = graph.groups().get(start.index());
        Bounds b = start.bounds();
        List<GraphEdit> edits = new ArrayList<>();
        edits.add(new GraphEdit.EditGroup(start.index(),
                g.withBounding(new Bounds(b.x() + dx, b.y() + dy, b.width(), b.height()))));
        if (!start.nodes().isEmpty()) {
            Map<Integer, Point> pos = new LinkedHashMap<>();
            start.nodes().forEach((id, p) -> pos.put(id, p.translate(dx, dy)));
            edits.add(new GraphEdit.MoveNodes(pos));
        }
        return new GraphEdit.Compound(edits);
    }

    /** The edit that resizes a group from its start bounds by {@code (dx, dy)}, never below 50 x 50. */
    public static GraphEdit resized(Graph graph, int index, Bounds start, double dx, double dy) {
        Group g = graph.groups().get(index);
        return new GraphEdit.EditGroup(index, g.withBounding(new Bounds(start.x(), start.y(),
                Math.max(50, start.width() + dx), Math.max(50, start.height() + dy))));
    }
}
