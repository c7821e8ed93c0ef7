package dev.weft.graph;

/**
 * A wire from an output to an input.
 *
 * @param id the link id, unique in the graph
 * @param originId the node the link leaves
 * @param originSlot index into the origin node's outputs
 * @param targetId the node the link enters
 * @param targetSlot index into the target node's inputs as held by the model (the file form may
 *     differ after ComfyUI's slot compression, which the workflow writer applies)
 * @param type the link's type (the origin output's type when made in Weft)
 * @param parentId the native reroute the link passes through last, or {@code null}
 */
public record Link(int id, int originId, int originSlot, int targetId, int targetSlot, String type, Integer parentId) {
    public Link {
        if (type == null) {
            throw new IllegalArgumentException("link " + id + " needs a type");
        }
    }

    public Link withTargetSlot(int slot) {
        return new Link(id, originId, originSlot, targetId, slot, type, parentId);
    }

    public Link withParent(Integer parent) {
        return new Link(id, originId, originSlot, targetId, targetSlot, type, parent);
    }
}
