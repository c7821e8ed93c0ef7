package dev.weft.graph;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo and redo over the edits applied to one graph, with a saved-point marker for dirty state.
 *
 * <p>Consecutive edits performed with the same non-null merge key become one undo step: a slider
 * drag that sets a value a hundred times passes one key (say, a token for the drag gesture) and
 * undoes in one go. A step is never merged into the step at the saved point, so saving in the
 * middle of a drag still leaves the graph dirty afterwards.
 *
 * <p>Undo and redo apply the exact inverse recorded when the step was last applied. Edits applied
 * to the graph directly, not through this history, are not undoable.
 *
 * <p>Same threading as the graph: one thread.
 */
public final class History {
    /** Default maximum number of undo steps kept. */
    public static final int DEFAULT_LIMIT = 500;

    private final Graph graph;
    private final int limit;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private long nextSerial = 1;
    private long savedSerial = 0;

    /**
     * @param toUndo the edit that takes the graph back over this step
     * @param serial identifies the step across undo and redo, for the saved point
     */
    private record Step(Patch toUndo, Object mergeKey, long serial) {
    }

    public History(Graph graph) {
        this(graph, DEFAULT_LIMIT);
    }

    public History(Graph graph, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be at least 1");
        }
        this.graph = graph;
        this.limit = limit;
    }

    public Graph graph() {
        return graph;
    }

    /** Applies an edit as a new undo step; clears the redo stack. */
    public AppliedEdit perform(GraphEdit edit) {
        return perform(edit, null);
    }

    /**
     * Applies an edit; if {@code mergeKey} is non-null and equal to the key of the step on top of
     * the undo stack, the edit joins that step.
     */
    public AppliedEdit perform(GraphEdit edit, Object mergeKey) {
        AppliedEdit applied = graph.apply(edit);
        redo.clear();
        Step top = undo.peek();
        if (mergeKey != null && top != null && mergeKey.equals(top.mergeKey()) && top.serial() != savedSerial) {
            undo.pop();
            undo.push(new Step(applied.inverse().followedBy(top.toUndo()), mergeKey, top.serial()));
        } else {
            undo.push(new Step(applied.inverse(), mergeKey, nextSerial++));
            while (undo.size() > limit) {
                undo.removeLast();
            }
        }
        return applied;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** @throws IllegalStateException when there is nothing to undo */
    public AppliedEdit undo() {
        if (undo.isEmpty()) {
            throw new IllegalStateException("nothing to undo");
        }
        Step s = undo.pop();
        AppliedEdit applied = graph.apply(s.toUndo());
        redo.push(new Step(applied.inverse(), null, s.serial()));
        return applied;
    }

    /** @throws IllegalStateException when there is nothing to redo */
    public AppliedEdit redo() {
        if (redo.isEmpty()) {
            throw new IllegalStateException("nothing to redo");
        }
        Step s = redo.pop();
        AppliedEdit applied = graph.apply(s.toUndo());
        undo.push(new Step(applied.inverse(), null, s.serial()));
        return applied;
    }

    /** Forgets all steps and marks the current state as saved (call after loading a file). */
    public void clear() {
        undo.clear();
        redo.clear();
        savedSerial = 0;
    }

    /** Marks the current state as the saved one. */
    public void markSaved() {
        savedSerial = topSerial();
    }

    /** Whether the graph differs from the saved point (by history position, not by content). */
    public boolean isDirty() {
        return topSerial() != savedSerial;
    }

    private long topSerial() {
        Step top = undo.peek();
        return top == null ? 0 : top.serial();
    }

    @Override
    public String toString() {
        return "History[undo=" + undo.size() + ", redo=" + redo.size() + ", dirty=" + isDirty() + "]";
    }
}
