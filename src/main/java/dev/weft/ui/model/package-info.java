/**
 * The editor's state without JavaFX: the open {@link dev.weft.ui.model.Document}, the node
 * catalog, the selection, what runs did to each node ({@link dev.weft.ui.model.RunStates}), and
 * node search. {@link dev.weft.ui.model.EditorModel} ties them together. UI thread only.
 */
package dev.weft.ui.model;
