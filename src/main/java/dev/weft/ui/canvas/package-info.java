/**
 * The canvas without JavaFX: the camera ({@link dev.weft.ui.canvas.Viewport}), node layout with
 * LiteGraph's metrics ({@link dev.weft.ui.canvas.LayoutEngine}), hit tests, wire splines, the
 * minimap's mapping, and the interaction state machine
 * ({@link dev.weft.ui.canvas.InteractionController}) that turns pointer input into graph edits,
 * plus the commands on the selection ({@link dev.weft.ui.canvas.EditCommands}), copy and paste,
 * groups, reroutes and widget arithmetic. Coordinates are canvas units unless a name says screen.
 */
package dev.weft.ui.canvas;
