package dev.weft.ui.canvas;

import dev.weft.graph.GraphEdit;
import dev.weft.graph.Node;
import dev.weft.graph.NodeFlag;
import dev.weft.graph.NodeMode;
import dev.weft.graph.Point;
import dev.weft.ui.model.EditorModel;
import dev.weft.workflow.WorkflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The right-click menus of the canvas: for a node, a wire, a reroute, a group, or empty canvas. */
final class ContextMenus {
    private final EditorModel model;
    private final EditCommands commands;
    private final CanvasHost host;
    private final Runnable fitView;

    ContextMenus(EditorModel model, EditCommands commands, CanvasHost host, Runnable fitView) {
        this.model = model;
        this.commands = commands;
        this.host = host;
        this.fitView = fitView;
    }

    void show(Hit hit, Point screen, Point canvas) {
        List<MenuAction> items = new ArrayList<>();
        int nodeId = hit.nodeId();
        if (nodeId >= 0) {
            if (!model.selection().contains(nodeId)) {
                model.selection().selectOnly(nodeId);
            }
            Node n = model.graph().requireNode(nodeId);
            items.add(MenuAction.of(n.mode() == NodeMode.BYPASS ? "Remove bypass" : "Bypass",
                    () -> commands.toggleMode(NodeMode.BYPASS)));
            items.add(MenuAction.of(n.mode() == NodeMode.NEVER ? "Unmute" : "Mute",
                    () -> commands.toggleMode(NodeMode.NEVER)));
            items.add(MenuAction.of(n.isCollapsed() ? "Expand" : "Collapse",
                    () -> commands.toggleFlag(NodeFlag.COLLAPSED)));
            items.add(MenuAction.of(n.isPinned() ? "Unpin" : "Pin", () -> commands.toggleFlag(NodeFlag.PINNED)));
            items.add(MenuAction.of("Rename…", () -> host.editTitle(nodeId, -1)));
            items.add(MenuAction.of("Duplicate", () -> guarded(commands::duplicate)));
            items.add(MenuAction.of("Copy", commands::copy));
            items.add(MenuAction.of("Group selected nodes", commands::groupSelection));
            items.add(MenuAction.of("Delete", commands::deleteSelection));
        } else if (hit instanceof Hit.Wire w) {
            items.add(MenuAction.of("Add reroute here", () -> model.perform(
                    RerouteOps.insert(model.graph(), model.geometry(), w.linkId(), w.piece(), canvas))));
            items.add(MenuAction.of("Delete wire", () -> model.perform(new GraphEdit.Disconnect(w.linkId()))));
        } else if (hit instanceof Hit.Reroute r) {
            items.add(MenuAction.of("Delete reroute", () -> model.perform(new GraphEdit.RemoveReroute(r.rerouteId()))));
        } else if (hit instanceof Hit.GroupTitle || hit instanceof Hit.GroupResize) {
            int index = hit instanceof Hit.GroupTitle g ? g.groupIndex() : ((Hit.GroupResize) hit).groupIndex();
            items.add(MenuAction.of("Rename group…", () -> host.editTitle(-1, index)));
            items.add(MenuAction.of("Select nodes in group", () -> model.selection()
                    .setNodes(GroupOps.nodesInside(model.geometry(), model.graph().groups().get(index)))));
            items.add(MenuAction.of("Remove group", () -> model.perform(new GraphEdit.RemoveGroup(index))));
        } else {
            items.add(MenuAction.of("Add node…", () -> host.openNodeSearch(screen, canvas, Optional.empty())));
            boolean clip = commands.clipboard().isPresent();
            items.add(new MenuAction("Paste", clip, () -> guarded(() -> commands.paste(Optional.of(canvas), false))));
            items.add(new MenuAction("Paste with input links", clip,
                    () -> guarded(() -> commands.paste(Optional.of(canvas), true))));
            items.add(new MenuAction("Group selected nodes", !model.selection().nodes().isEmpty(),
                    commands::groupSelection));
            items.add(MenuAction.of("Fit view", fitView));
        }
        host.showContextMenu(screen, items);
    }

    private interface Action {
        boolean run() throws WorkflowException;
    }

    private void guarded(Action a) {
        try {
            a.run();
        } catch (WorkflowException e) {
            host.showStatus(e.getMessage());
        }
    }
}
