package dev.weft.graph;

/**
 * LiteGraph's node execution modes, stored as the integer {@code mode} of a node in workflow JSON.
 * Only {@link #ALWAYS}, {@link #NEVER} (mute) and {@link #BYPASS} matter to ComfyUI; the two event
 * modes are kept so that files using them round-trip.
 */
public enum NodeMode {
    ALWAYS(0),
    ON_EVENT(1),
    /** "Mute": the node is left out of the prompt and downstream inputs stay unconnected. */
    NEVER(2),
    ON_TRIGGER(3),
    /** The node is left out of the prompt and wires pass through it by socket type. */
    BYPASS(4);

    private final int code;

    NodeMode(int code) {
        this.code = code;
    }

    /** The integer written to workflow JSON. */
    public int code() {
        return code;
    }

    /** Whether ComfyUI leaves nodes in this mode out of the API prompt. */
    public boolean excludedFromPrompt() {
        return this == NEVER || this == BYPASS;
    }

    /**
     * @throws IllegalArgumentException for codes LiteGraph does not define
     */
    public static NodeMode fromCode(int code) {
        for (NodeMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown node mode " + code + " (expected 0 always, 1 on event, 2 never/mute, 3 on trigger or 4 bypass)");
    }
}
