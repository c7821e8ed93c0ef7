package dev.weft.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An exact restoration of part of a graph's state, produced as the inverse of an applied edit
 * (see {@link AppliedEdit#inverse()}); not meant to be built by hand. Applying it puts back the
 * recorded node, link and reroute records (a {@code null} value means "absent": remove it), their
 * order where it changed, and the groups and counters when they changed.
 *
 * @param nodes node id to its recorded record, or null for "no such node"
 * @param nodeOrder the recorded order of node ids, or null when unchanged
 * @param links link id to its recorded record, or null
 * @param linkOrder the recorded order of link ids, or null when unchanged
 * @param reroutes reroute id to its recorded record, or null
 * @param rerouteOrder the recorded order of reroute ids, or null when unchanged
 * @param groups the recorded group list, or null when unchanged
 * @param counters the recorded counters, or null when unchanged
 */
public record Patch(Map<Integer, Node> nodes, List<Integer> nodeOrder, Map<Integer, Link> links,
        List<Integer> linkOrder, Map<Integer, Reroute> reroutes, List<Integer> rerouteOrder, List<Group> groups,
        Counters counters) implements GraphEdit {

    public Patch {
        nodes = frozen(nodes);
        links = frozen(links);
        reroutes = frozen(reroutes);
        nodeOrder = nodeOrder == null ? null : List.copyOf(nodeOrder);
        linkOrder = linkOrder == null ? null : List.copyOf(linkOrder);
        rerouteOrder = rerouteOrder == null ? null : List.copyOf(rerouteOrder);
        groups = groups == null ? null : List.copyOf(groups);
    }

    /** Ids of the nodes this patch restores (added, removed or changed by the edit it undoes). */
    public Set<Integer> nodeIds() {
        return nodes.keySet();
    }

    public Set<Integer> linkIds() {
        return links.keySet();
    }

    public Set<Integer> rerouteIds() {
        return reroutes.keySet();
    }

    public boolean groupsChanged() {
        return groups != null;
    }

    /**
     * One patch that does what applying this patch and then {@code earlier} does, where
     * {@code earlier} undoes the edit made just before the one this patch undoes. Used to merge
     * undo steps without growing: per entry the earlier record wins, because it is the older state.
     */
    public Patch followedBy(Patch earlier) {
        return new Patch(merged(nodes, earlier.nodes), or(earlier.nodeOrder, nodeOrder), merged(links, earlier.links),
                or(earlier.linkOrder, linkOrder), merged(reroutes, earlier.reroutes), or(earlier.rerouteOrder, rerouteOrder),
                or(earlier.groups, groups), or(earlier.counters, counters));
    }

    private static <V> Map<Integer, V> merged(Map<Integer, V> later, Map<Integer, V> earlier) {
        Map<Integer, V> m = new LinkedHashMap<>(later);
        m.putAll(earlier);
        return m;
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && links.isEmpty() && reroutes.isEmpty() && nodeOrder == null && linkOrder == null
                && rerouteOrder == null && groups == null && counters == null;
    }

    private static <V> Map<Integer, V> frozen(Map<Integer, V> m) {
        // null values are meaningful here, which Map.copyOf does not allow
        return Collections.unmodifiableMap(new LinkedHashMap<>(m == null ? Map.of() : m));
    }
}
