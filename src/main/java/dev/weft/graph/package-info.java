/**
 * The node graph as a pure model: nodes, links, groups, native reroutes, node specs, and every
 * change as a {@link dev.weft.graph.GraphEdit} with an exact inverse, plus undo/redo
 * ({@link dev.weft.graph.History}). No JavaFX, no DJL, no file formats: reading and writing
 * ComfyUI's JSON lives in {@code dev.weft.workflow}.
 */
package dev.weft.graph;
