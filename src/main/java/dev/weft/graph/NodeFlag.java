package dev.weft.graph;

/** The boolean node flags Weft edits; other keys of a node's {@code flags} object are kept as they are. */
public enum NodeFlag {
    COLLAPSED("collapsed"),
    PINNED("pinned");

    private final String key;

    NodeFlag(String key) {
        this.key = key;
    }

    /** The key inside the node's {@code flags} JSON object. */
    public String key() {
        return key;
    }
}
