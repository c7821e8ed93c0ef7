package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Node;
import dev.weft.graph.NodeFlag;
import dev.weft.graph.NodeMode;
import dev.weft.graph.Point;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.Selection;
import dev.weft.workflow.WorkflowException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The editor's keyboard and menu commands on the selection: delete, copy, paste (with input
 * links), duplicate, select all, group, bypass, mute, collapse, pin, fit and zoom. Each edit is one
 * undo step. Holds the node clipboard. UI thread only.
 */
public final class EditCommands {
    /** Offset of a duplicate or of a paste with no pointer position, in canvas units. */
    static final double PASTE_OFFSET = 30;

    private final EditorModel model;
    private String clipboard;

    public EditCommands(EditorModel model) {
        this.model = model;
    }

    public Optional<String> clipboard() {
        return Optional.ofNullable(clipboard);
    }

    /** Puts text on the node clipboard (e.g. from the system clipboard). */
    public void setClipboard(String text) {
        clipboard = text;
    }

    /** Removes the selected nodes (with their links), reroutes and group. */
    public boolean deleteSelection() {
        Selection s = model.selection();
        Graph g = model.graph();
        List<GraphEdit> edits = new ArrayList<>();
        s.nodes().forEach(id -> edits.add(new GraphEdit.RemoveNode(id)));
        s.reroutes().stream().filter(id -> g.reroute(id).isPresent())
                .forEach(id -> edits.add(new GraphEdit.RemoveReroute(id)));
        if (s.group() != null && s.group() < g.groups().size()) {
            edits.add(new GraphEdit.RemoveGroup(s.group()));
        }
        if (edits.isEmpty()) {
            return false;
        }
        model.perform(new GraphEdit.Compound(edits));
        model.selection().clear();
        return true;
    }

    public boolean copy() {
        Optional<String> text = NodeClipboard.copy(model.graph(), model.selection().nodes());
        text.ifPresent(t -> clipboard = t);
        return text.isPresent();
    }

    public boolean cut() {
        return copy() && deleteSelection();
    }

    /**
     * Pastes the clipboard with its top-left corner at {@code at} (or beside the copied nodes'
     * place when absent) and selects the pasted nodes.
     *
     * @throws WorkflowException when the clipboard does not hold nodes
     */
    public boolean paste(Optional<Point> at, boolean withInputLinks) throws WorkflowException {
        if (clipboard == null) {
            return false;
        }
        Point where = at.orElseGet(this::besideSelection);
        NodeClipboard.Pasted p = NodeClipboard.paste(model.graph(), clipboard, where, withInputLinks, model.catalog());
        model.perform(p.edit());
        model.selection().setNodes(p.nodeIds());
        return true;
    }

    /** Copies and pastes the selection next to itself, keeping input links (Alt+drag's result). */
    public boolean duplicate() throws WorkflowException {
        Optional<String> text = NodeClipboard.copy(model.graph(), model.selection().nodes());
        if (text.isEmpty()) {
            return false;
        }
        NodeClipboard.Pasted p = NodeClipboard.paste(model.graph(), text.get(), besideSelection(), true,
                model.catalog());
        model.perform(p.edit());
        model.selection().setNodes(p.nodeIds());
        return true;
    }

    /** Just below and right of the selection, or near the top-left of the view when nothing is selected. */
    private Point besideSelection() {
        Optional<Bounds> b = model.geometry().extentOf(model.selection().nodes());
        if (b.isPresent()) {
            return new Point(b.get().x() + PASTE_OFFSET, b.get().y() + PASTE_OFFSET);
        }
        double s = model.viewport().scale();
        return model.viewport().toCanvas(PASTE_OFFSET * s, PASTE_OFFSET * s);
    }

    /** Adds a node of {@code spec} at {@code at}, wired to {@code wire} if given, and selects it. */
    public int addNode(dev.weft.graph.NodeSpec spec, Point at, Optional<WireEnd> wire) {
        NodeCreation.Created c = NodeCreation.add(model.graph(), spec, at, wire);
        model.perform(c.edit());
        model.selection().selectOnly(c.nodeId());
        return c.nodeId();
    }

    public void selectAll() {
        model.selection().setNodes(model.graph().nodes().stream().map(Node::id).toList());
    }

    /** Groups the selected nodes (Ctrl+G). */
    public boolean groupSelection() {
        Optional<GraphEdit> e = GroupOps.groupAround(model.geometry(), model.selection().nodes(), "Group");
        e.ifPresent(model::perform);
        if (e.isPresent()) {
            model.selection().selectGroup(model.graph().groups().size() - 1, true);
        }
        return e.isPresent();
    }

    /**
     * Toggles a mode on the selection, as Ctrl+B (bypass) and Ctrl+M (mute) do: if every selected
     * node already has the mode they go back to always, else they all take it.
     */
    public boolean toggleMode(NodeMode mode) {
        List<Node> nodes = selectedNodes();
        if (nodes.isEmpty()) {
            return false;
        }
        boolean all = nodes.stream().allMatch(n -> n.mode() == mode);
        NodeMode target = all ? NodeMode.ALWAYS : mode;
        model.perform(new GraphEdit.Compound(nodes.stream()
                .map(n -> (GraphEdit) new GraphEdit.SetMode(n.id(), target)).toList()));
        return true;
    }

    /** Toggles a flag (collapse, pin) on the selection the same way. */
    public boolean toggleFlag(NodeFlag flag) {
        List<Node> nodes = selectedNodes();
        if (nodes.isEmpty()) {
            return false;
        }
        boolean all = nodes.stream().allMatch(n -> n.flag(flag));
        model.perform(new GraphEdit.Compound(nodes.stream()
                .map(n -> (GraphEdit) new GraphEdit.SetFlag(n.id(), flag, !all)).toList()));
        return true;
    }

    /** Fits the selection, or the whole graph when nothing is selected, into the view. */
    public void fit(double viewWidth, double viewHeight) {
        GraphGeometry geo = model.geometry();
        Set<Integer> sel = model.selection().nodes();
        Optional<Bounds> b = sel.isEmpty() ? geo.extent() : geo.extentOf(sel);
        b.ifPresent(box -> model.viewport().fit(box, viewWidth, viewHeight, 40, 1.5));
    }

    /** Zooms around the centre of the view. */
    public void zoom(double factor, double viewWidth, double viewHeight) {
        model.viewport().zoomAround(factor, viewWidth / 2, viewHeight / 2);
    }

    private List<Node> selectedNodes() {
        Graph g = model.graph();
        return model.selection().nodes().stream().map(g::node).flatMap(Optional::stream)
                .sorted(Comparator.comparingInt(Node::id)).collect(Collectors.toList());
    }
}
