package dev.weft.graph;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One output socket of a node; outputs are addressed by index.
 *
 * @param name the output's name, e.g. {@code "LATENT"}
 * @param type the socket type
 * @param links ids of the links leaving this output, in file order; {@code null} when the file
 *     stored {@code null} (kept so a round trip is exact)
 * @param label a user label, or {@code null}
 * @param extra every other key of the slot's JSON ({@code slot_index}, {@code localized_name},
 *     {@code shape}, ...), written back unchanged; read-only by contract
 */
public record OutputSlot(String name, String type, List<Integer> links, String label, JsonObject extra) {
    public OutputSlot {
        if (name == null || type == null) {
            throw new IllegalArgumentException("output slot needs a name and a type");
        }
        links = links == null ? null : List.copyOf(links);
        extra = JsonCopies.object(extra);
    }

    public static OutputSlot of(String name, String type) {
        return new OutputSlot(name, type, List.of(), null, null);
    }

    /** The link ids, never null. */
    public List<Integer> linkIds() {
        return links == null ? List.of() : links;
    }

    public OutputSlot withLinkAdded(int linkId) {
        List<Integer> l = new ArrayList<>(linkIds());
        l.add(linkId);
        return new OutputSlot(name, type, l, label, extra);
    }

    /** LiteGraph leaves an empty list (not null) behind when the last link goes. */
    public OutputSlot withLinkRemoved(int linkId) {
        List<Integer> l = new ArrayList<>(linkIds());
        l.remove(Integer.valueOf(linkId));
        return new OutputSlot(name, type, l, label, extra);
    }
}
