package dev.weft.graph;

/**
 * An edit that has been applied, with its exact inverse.
 *
 * @param edit the edit as given
 * @param inverse restores the graph to its state before {@code edit}; its
 *     {@link Patch#nodeIds()} and friends also say what changed, for redrawing
 */
public record AppliedEdit(GraphEdit edit, Patch inverse) {
}
