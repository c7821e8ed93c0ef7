/**
 * Weft's editor window (JavaFX). {@link dev.weft.ui.EditorLauncher} starts it (also from the shaded
 * jar); {@link dev.weft.ui.EditorWindow} builds the window from the parts below and connects them.
 *
 * <p>Layers point one way: {@code canvas}, {@code model}, {@code run}, {@code files} and
 * {@code settings} hold the editor's logic and use no JavaFX (a test checks the class files);
 * {@code render}, {@code popup}, {@code panels}, {@code theme} and this package only draw that
 * state and turn gestures into calls on it. Every graph change is a
 * {@link dev.weft.graph.GraphEdit} performed through the open document's
 * {@link dev.weft.graph.History}, so undo, the dirty marker and autosave follow from one mechanism.
 *
 * <p>Threads: everything here runs on the JavaFX thread except the engine behind
 * {@link dev.weft.ui.run.RunService}, whose events cross over through
 * {@link dev.weft.ui.run.EventCoalescer}, and the autosave writer.
 */
package dev.weft.ui;
