package dev.weft.graph;

import java.util.List;

/**
 * How a node was laid out in the file it came from, so that writing it back gives the same JSON:
 * which keys it had, in which order, and whether {@code pos} and {@code size} were in the legacy
 * object form {@code {"0": a, "1": b}} (how old LiteGraph serialised typed arrays). Nodes created in
 * Weft use {@link #NEW}.
 *
 * @param keyOrder the node object's keys in file order (modelled and unknown keys alike)
 * @param posAsObject whether {@code pos} was written as {@code {"0": x, "1": y}}
 * @param sizeAsObject whether {@code size} was written as {@code {"0": w, "1": h}}
 */
public record NodeFormat(List<String> keyOrder, boolean posAsObject, boolean sizeAsObject) {
    public static final NodeFormat NEW = new NodeFormat(List.of(), false, false);

    public NodeFormat {
        keyOrder = List.copyOf(keyOrder);
    }

    public boolean hadKey(String key) {
        return keyOrder.contains(key);
    }
}
