package dev.weft.ui.model;

import dev.weft.graph.Graph;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the user has selected: nodes (in the order they were picked), native reroutes, and at most
 * one group (by index). UI state, not part of the graph or of undo. One thread.
 */
public final class Selection {
    private final LinkedHashSet<Integer> nodes = new LinkedHashSet<>();
    private final LinkedHashSet<Integer> reroutes = new LinkedHashSet<>();
    private Integer group;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Selected node ids in picking order; a read-only view. */
    public Set<Integer> nodes() {
        return java.util.Collections.unmodifiableSet(nodes);
    }

    public Set<Integer> reroutes() {
        return java.util.Collections.unmodifiableSet(reroutes);
    }

    /** Index of the selected group, or {@code null}. */
    public Integer group() {
        return group;
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && reroutes.isEmpty() && group == null;
    }

    public boolean contains(int nodeId) {
        return nodes.contains(nodeId);
    }

    /** The node selected last, or -1. */
    public int primary() {
        int last = -1;
        for (int id : nodes) {
            last = id;
        }
        return last;
    }

    /** Selects exactly this node. */
    public void selectOnly(int nodeId) {
        nodes.clear();
        reroutes.clear();
        group = null;
        nodes.add(nodeId);
        changed();
    }

    public void setNodes(Collection<Integer> ids) {
        nodes.clear();
        reroutes.clear();
        group = null;
        nodes.addAll(ids);
        changed();
    }

    public void add(int nodeId) {
        if (nodes.add(nodeId)) {
            changed();
        }
    }

    public void addAll(Collection<Integer> ids) {
        if (nodes.addAll(ids)) {
            changed();
        }
    }

    /** Adds a node if absent, removes it if present (Ctrl+click). */
    public void toggle(int nodeId) {
        if (!nodes.remove(nodeId)) {
            nodes.add(nodeId);
        }
        changed();
    }

    public void selectReroute(int rerouteId, boolean additive) {
        if (!additive) {
            nodes.clear();
            reroutes.clear();
            group = null;
        }
        reroutes.add(rerouteId);
        changed();
    }

    public void selectGroup(int index, boolean additive) {
        if (!additive) {
            nodes.clear();
            reroutes.clear();
        }
        group = index;
        changed();
    }

    public void clear() {
        if (!isEmpty()) {
            nodes.clear();
            reroutes.clear();
            group = null;
            changed();
        }
    }

    /** Forgets ids the graph no longer has (after undo, delete, or loading). */
    public void prune(Graph graph) {
        boolean changed = nodes.removeIf(id -> graph.node(id).isEmpty());
        changed |= reroutes.removeIf(id -> graph.reroute(id).isEmpty());
        if (group != null && group >= graph.groups().size()) {
            group = null;
            changed = true;
        }
        if (changed) {
            changed();
        }
    }

    public void addListener(Runnable l) {
        listeners.add(l);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
