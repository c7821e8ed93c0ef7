package dev.weft.graph;

/**
 * The highest ids handed out so far; new items take the next id. Schema 1 workflows store all
 * four in {@code state}; version 0.4 stores the first two as {@code last_node_id} and
 * {@code last_link_id}.
 */
public record Counters(int lastNodeId, int lastLinkId, int lastGroupId, int lastRerouteId) {
    public static final Counters ZERO = new Counters(0, 0, 0, 0);

    public Counters withLastNodeId(int v) {
        return new Counters(v, lastLinkId, lastGroupId, lastRerouteId);
    }

    public Counters withLastLinkId(int v) {
        return new Counters(lastNodeId, v, lastGroupId, lastRerouteId);
    }

    public Counters withLastGroupId(int v) {
        return new Counters(lastNodeId, lastLinkId, v, lastRerouteId);
    }

    public Counters withLastRerouteId(int v) {
        return new Counters(lastNodeId, lastLinkId, lastGroupId, v);
    }
}
