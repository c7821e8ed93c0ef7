package dev.weft.ui.canvas;

import dev.weft.graph.Bounds;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeFlag;
import dev.weft.graph.Point;
import dev.weft.graph.Size;
import dev.weft.ui.canvas.CanvasHost.CursorKind;
import dev.weft.ui.canvas.PointerInput.Button;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.NodeStatus;
import dev.weft.workflow.WorkflowException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns pointer gestures on the canvas into graph edits and camera moves, with no JavaFX: the
 * canvas feeds it {@link PointerInput}s in its own pixel coordinates and draws what
 * {@link #overlay()} describes. One state machine ({@link Gesture}) covers panning, selecting,
 * moving, resizing, wiring, widget dragging and the minimap. UI thread only.
 */
public final class InteractionController {
    /** Screen pixels the pointer must travel before a press becomes a drag. */
    static final double DRAG_SLOP = 3;

    private final EditorModel model;
    private final CanvasHost host;
    private final EditCommands commands;
    private final WidgetInteraction widgets;
    private final ContextMenus menus;
    private Gesture gesture = new Gesture.Idle();
    private Hit hover = new Hit.Empty();
    private boolean spaceHeld;
    private boolean minimapVisible = true;
    private double viewWidth = 800;
    private double viewHeight = 600;
    private Point lastPointer;
    private double pressX;
    private double pressY;

    public InteractionController(EditorModel model, EditCommands commands, CanvasHost host) {
        this.model = model;
        this.host = host;
        this.commands = commands;
        this.widgets = new WidgetInteraction(model, host);
        this.menus = new ContextMenus(model, commands, host, () -> commands.fit(viewWidth, viewHeight));
    }

    public WidgetInteraction widgets() {
        return widgets;
    }

    public void setViewSize(double w, double h) {
        viewWidth = w;
        viewHeight = h;
    }

    public void setMinimapVisible(boolean v) {
        minimapVisible = v;
        host.requestRedraw();
    }

    public boolean minimapVisible() {
        return minimapVisible;
    }

    public void setSpaceHeld(boolean held) {
        spaceHeld = held;
        host.setCursor(held ? CursorKind.GRAB : CursorKind.DEFAULT);
    }

    /** The last pointer position over the canvas, in canvas units (where Ctrl+V pastes). */
    public Optional<Point> lastPointer() {
        return Optional.ofNullable(lastPointer);
    }

    /** Whether a gesture is in progress. */
    public boolean busy() {
        return !(gesture instanceof Gesture.Idle);
    }

    /** Abandons the gesture in progress (Escape); edits already made stay, as one undo step. */
    public void cancel() {
        gesture = new Gesture.Idle();
        host.requestRedraw();
    }

    public InteractionOverlay overlay() {
        if (gesture instanceof Gesture.WireDrag w) {
            return new InteractionOverlay(Optional.of(w.from()), w.tip(), Optional.empty(), hover);
        }
        if (gesture instanceof Gesture.BoxSelect b) {
            return new InteractionOverlay(Optional.empty(), null, Optional.of(Rects.spanning(b.start(), b.current())),
                    hover);
        }
        return new InteractionOverlay(Optional.empty(), null, Optional.empty(), hover);
    }

    // ---- pointer events

    public void pressed(PointerInput in) {
        Point p = model.viewport().toCanvas(in.x(), in.y());
        lastPointer = p;
        pressX = in.x();
        pressY = in.y();
        host.showTooltip(null, null);
        if (in.button() == Button.MIDDLE || (in.button() == Button.PRIMARY && spaceHeld)) {
            gesture = new Gesture.Pan(in.x(), in.y());
            host.setCursor(CursorKind.GRAB);
            return;
        }
        Hit hit = hitAt(p);
        if (in.button() == Button.SECONDARY) {
            menus.show(hit, new Point(in.x(), in.y()), p);
            return;
        }
        if (in.button() != Button.PRIMARY) {
            return;
        }
        if (minimapVisible && minimap().contains(in.x(), in.y())) {
            gesture = new Gesture.MinimapDrag();
            centreOnMinimap(in.x(), in.y());
            return;
        }
        if (in.clickCount() >= 2 && doubleClick(hit, in, p)) {
            gesture = new Gesture.Idle();
            return;
        }
        gesture = start(hit, in, p);
        host.requestRedraw();
    }

    public void dragged(PointerInput in) {
        Point p = model.viewport().toCanvas(in.x(), in.y());
        lastPointer = p;
        Gesture g = gesture;
        if (g instanceof Gesture.Pan pan) {
            model.viewport().panBy(in.x() - pan.lastX(), in.y() - pan.lastY());
            gesture = new Gesture.Pan(in.x(), in.y());
        } else if (g instanceof Gesture.MinimapDrag) {
            centreOnMinimap(in.x(), in.y());
        } else if (g instanceof Gesture.MoveSelection m) {
            if (!m.moved() && Math.hypot(in.x() - pressX, in.y() - pressY) < DRAG_SLOP) {
                return;
            }
            moveSelection(m, p.x() - m.start().x(), p.y() - m.start().y());
            gesture = m.movedNow();
        } else if (g instanceof Gesture.MoveGroup mg) {
            model.perform(GroupOps.moved(model.graph(), mg.from(), p.x() - mg.start().x(), p.y() - mg.start().y()),
                    mg.token());
        } else if (g instanceof Gesture.ResizeNode r) {
            double w = Math.max(r.minWidth(), r.size().width() + p.x() - r.start().x());
            double h = Math.max(r.minHeight(), r.size().height() + p.y() - r.start().y());
            model.perform(new GraphEdit.ResizeNode(r.nodeId(), new Size(w, h)), r.token());
        } else if (g instanceof Gesture.ResizeGroup r) {
            model.perform(GroupOps.resized(model.graph(), r.index(), r.bounds(), p.x() - r.start().x(),
                    p.y() - r.start().y()), r.token());
        } else if (g instanceof Gesture.BoxSelect b) {
            gesture = new Gesture.BoxSelect(b.start(), p, b.before());
            boxSelect(Rects.spanning(b.start(), p), b.before());
        } else if (g instanceof Gesture.WireDrag w) {
            gesture = new Gesture.WireDrag(w.from(), p, w.detached());
            hover = hitAt(p);
        } else if (g instanceof Gesture.WidgetDrag d) {
            gesture = widgets.drag(d, p.x());
        }
        host.requestRedraw();
    }

    public void released(PointerInput in) {
        Point p = model.viewport().toCanvas(in.x(), in.y());
        Gesture g = gesture;
        gesture = new Gesture.Idle();
        if (g instanceof Gesture.MoveSelection m && !m.moved() && m.narrowOnClick() && m.pressedNode() >= 0) {
            model.selection().selectOnly(m.pressedNode());
        } else if (g instanceof Gesture.WireDrag w) {
            finishWire(w, hitAt(p), in, p);
        } else if (g instanceof Gesture.WidgetDrag d) {
            widgets.release(d);
        }
        host.setCursor(spaceHeld ? CursorKind.GRAB : CursorKind.DEFAULT);
        hover = new Hit.Empty();
        host.requestRedraw();
    }

    /** Pointer moved with no button: hover highlights, cursor and tooltips. */
    public void moved(PointerInput in) {
        Point p = model.viewport().toCanvas(in.x(), in.y());
        lastPointer = p;
        Hit h = hitAt(p);
        boolean changed = !h.equals(hover);
        hover = h;
        host.setCursor(cursorFor(h));
        host.showTooltip(new Point(in.x(), in.y()), tooltip(h).orElse(null));
        if (changed) {
            host.requestRedraw();
        }
    }

    /** A wheel turn: zooms around the pointer; {@code deltaY} is in JavaFX units (40 per notch). */
    public void scrolled(double x, double y, double deltaY) {
        if (deltaY == 0) {
            return;
        }
        model.viewport().zoomAround(Math.pow(LiteGraphMetrics.ZOOM_SPEED, deltaY / 40.0), x, y);
        host.requestRedraw();
    }

    // ---- gesture starts

    private Gesture start(Hit hit, PointerInput in, Point p) {
        PointerInput.Modifiers mods = in.mods();
        if (hit instanceof Hit.OutputSocket o) {
            Node n = model.graph().requireNode(o.nodeId());
            return new Gesture.WireDrag(new WireEnd(n.id(), o.slot(), true, n.outputs().get(o.slot()).type()), p, null);
        }
        if (hit instanceof Hit.InputSocket i) {
            Node n = model.graph().requireNode(i.nodeId());
            Integer link = n.inputs().get(i.index()).link();
            if (link != null) {
                Link l = model.graph().link(link).orElseThrow();
                Node origin = model.graph().requireNode(l.originId());
                WireEnd from = new WireEnd(origin.id(), l.originSlot(), true, origin.outputs().get(l.originSlot()).type());
                return new Gesture.WireDrag(from, p, link);
            }
            return new Gesture.WireDrag(new WireEnd(n.id(), i.index(), false, n.inputs().get(i.index()).type()), p, null);
        }
        if (hit instanceof Hit.CollapseToggle c) {
            Node n = model.graph().requireNode(c.nodeId());
            model.perform(new GraphEdit.SetFlag(n.id(), NodeFlag.COLLAPSED, !n.isCollapsed()));
            return new Gesture.Idle();
        }
        if (hit instanceof Hit.ResizeHandle r) {
            Node n = model.graph().requireNode(r.nodeId());
            NodeLayout minimal = model.layouts().engine().layout(n.withSize(new Size(0, 0)), model.graph());
            Bounds now = model.geometry().layout(n).body();
            return new Gesture.ResizeNode(n.id(), p, new Size(now.width(), now.height()), minimal.body().width(),
                    minimal.body().height(), new Object());
        }
        if (hit instanceof Hit.Widget w) {
            Node n = model.graph().requireNode(w.nodeId());
            if (!WidgetInteraction.wired(n, w.box()) && w.box().style().editable()) {
                if (!model.selection().contains(n.id())) {
                    model.selection().selectOnly(n.id());
                }
                return widgets.press(w, p.x()).orElse(new Gesture.Idle());
            }
        }
        if (hit.nodeId() >= 0) {
            return pressNode(hit.nodeId(), mods, p);
        }
        if (hit instanceof Hit.Reroute r) {
            if (!model.selection().reroutes().contains(r.rerouteId())) {
                model.selection().selectReroute(r.rerouteId(), mods.shift() || mods.shortcut());
            }
            return moveGesture(p, -1, false);
        }
        if (hit instanceof Hit.Wire w) {
            if (mods.alt()) {
                model.perform(RerouteOps.insert(model.graph(), model.geometry(), w.linkId(), w.piece(), p));
            } else {
                menus.show(hit, new Point(in.x(), in.y()), p);
            }
            return new Gesture.Idle();
        }
        if (hit instanceof Hit.GroupTitle gt) {
            model.selection().selectGroup(gt.groupIndex(), mods.shift() || mods.shortcut());
            return new Gesture.MoveGroup(p, GroupOps.DragStart.of(model.geometry(), gt.groupIndex()), new Object());
        }
        if (hit instanceof Hit.GroupResize gr) {
            model.selection().selectGroup(gr.groupIndex(), false);
            return new Gesture.ResizeGroup(gr.groupIndex(), p, model.graph().groups().get(gr.groupIndex()).bounding(),
                    new Object());
        }
        boolean additive = mods.shift() || mods.shortcut();
        if (!additive) {
            model.selection().clear();
        }
        return new Gesture.BoxSelect(p, p, new HashSet<>(model.selection().nodes()));
    }

    private Gesture pressNode(int nodeId, PointerInput.Modifiers mods, Point p) {
        boolean wasSelected = model.selection().contains(nodeId);
        if (mods.shortcut()) {
            model.selection().toggle(nodeId);
        } else if (mods.shift()) {
            model.selection().add(nodeId);
        } else if (!wasSelected) {
            model.selection().selectOnly(nodeId);
        }
        if (mods.alt() && !model.selection().isEmpty()) {
            try {
                commands.duplicate();
            } catch (WorkflowException e) {
                host.showStatus(e.getMessage());
            }
        }
        boolean narrow = wasSelected && !mods.shortcut() && !mods.shift() && !mods.alt();
        return moveGesture(p, nodeId, narrow);
    }

    private Gesture moveGesture(Point p, int pressed, boolean narrow) {
        Map<Integer, Point> nodes = new LinkedHashMap<>();
        for (int id : model.selection().nodes()) {
            model.graph().node(id).filter(n -> !n.isPinned()).ifPresent(n -> nodes.put(id, n.pos()));
        }
        Map<Integer, Point> reroutes = new LinkedHashMap<>();
        for (int id : model.selection().reroutes()) {
            model.graph().reroute(id).ifPresent(r -> reroutes.put(id, r.pos()));
        }
        return new Gesture.MoveSelection(p, nodes, reroutes, new Object(), false, pressed, narrow);
    }

    private boolean doubleClick(Hit hit, PointerInput in, Point p) {
        if (hit instanceof Hit.Empty) {
            host.openNodeSearch(new Point(in.x(), in.y()), p, Optional.empty());
            return true;
        }
        if (hit instanceof Hit.Title t) {
            host.editTitle(t.nodeId(), -1);
            return true;
        }
        if (hit instanceof Hit.GroupTitle g) {
            host.editTitle(-1, g.groupIndex());
            return true;
        }
        if (hit instanceof Hit.Wire w) {
            model.perform(RerouteOps.insert(model.graph(), model.geometry(), w.linkId(), w.piece(), p));
            return true;
        }
        if (hit instanceof Hit.Widget w && w.box().style() == WidgetStyle.SLIDER
                && !WidgetInteraction.wired(model.graph().requireNode(w.nodeId()), w.box())) {
            host.editWidget(w.nodeId(), w.box(), w.part(), 0);
            return true;
        }
        return false;
    }

    // ---- gesture bodies

    private void moveSelection(Gesture.MoveSelection m, double dx, double dy) {
        List<GraphEdit> edits = new ArrayList<>();
        if (!m.nodes().isEmpty()) {
            Map<Integer, Point> pos = new LinkedHashMap<>();
            m.nodes().forEach((id, start) -> pos.put(id, start.translate(dx, dy)));
            edits.add(new GraphEdit.MoveNodes(pos));
        }
        m.reroutes().forEach((id, start) -> edits.add(new GraphEdit.MoveReroute(id, start.translate(dx, dy))));
        if (!edits.isEmpty()) {
            model.perform(new GraphEdit.Compound(edits), m.token());
        }
    }

    private void boxSelect(Bounds box, Set<Integer> before) {
        Set<Integer> ids = new HashSet<>(before);
        GraphGeometry geo = model.geometry();
        for (Node n : model.graph().nodes()) {
            if (Rects.intersects(box, geo.layout(n).frame())) {
                ids.add(n.id());
            }
        }
        if (!ids.equals(model.selection().nodes())) {
            model.selection().setNodes(ids);
        }
    }

    private void finishWire(Gesture.WireDrag w, Hit target, PointerInput in, Point p) {
        Wiring.Drop drop = new Wiring(model.graph(), model.catalog()).drop(w.from(), target, w.detached());
        drop.edit().ifPresent(model::perform);
        if (drop.refusal() != null) {
            host.showStatus(drop.refusal());
        }
        if (drop.openSearch()) {
            host.openNodeSearch(new Point(in.x(), in.y()), p, Optional.of(w.from()));
        }
    }

    private MinimapGeometry minimap() {
        GraphGeometry geo = model.geometry();
        return MinimapGeometry.of(geo.extent(), model.viewport().visibleArea(viewWidth, viewHeight), viewWidth,
                viewHeight);
    }

    private void centreOnMinimap(double sx, double sy) {
        model.viewport().centreOn(minimap().toCanvas(sx, sy), viewWidth, viewHeight);
        host.requestRedraw();
    }

    private Hit hitAt(Point p) {
        return new HitTester(model.geometry()).hit(p, model.viewport().scale(), model.selection().nodes(),
                id -> model.runs().node(id).status() != NodeStatus.IDLE);
    }

    private static CursorKind cursorFor(Hit h) {
        if (h instanceof Hit.OutputSocket || h instanceof Hit.InputSocket || h instanceof Hit.Widget
                || h instanceof Hit.CollapseToggle || h instanceof Hit.Reroute || h instanceof Hit.Wire) {
            return CursorKind.HAND;
        }
        if (h instanceof Hit.Title || h instanceof Hit.GroupTitle) {
            return CursorKind.MOVE;
        }
        if (h instanceof Hit.ResizeHandle || h instanceof Hit.GroupResize) {
            return CursorKind.RESIZE;
        }
        return CursorKind.DEFAULT;
    }

    /** The tooltip for what the pointer is over: an error, a widget's or socket's help, a node's description. */
    private Optional<String> tooltip(Hit h) {
        if (h instanceof Hit.Badge b) {
            var s = model.runs().node(b.nodeId());
            return Optional.of(s.message() != null ? s.message() : s.status().name().toLowerCase());
        }
        if (h instanceof Hit.Widget w && w.box().input() != null) {
            return w.box().input().tooltip();
        }
        Node n = h.nodeId() >= 0 ? model.graph().node(h.nodeId()).orElse(null) : null;
        if (n == null) {
            return Optional.empty();
        }
        var spec = model.catalog().find(n.type());
        if (h instanceof Hit.InputSocket i && spec.isPresent()) {
            return spec.get().input(n.inputs().get(i.index()).name()).flatMap(dev.weft.graph.InputSpec::tooltip);
        }
        if (h instanceof Hit.OutputSocket o && spec.isPresent() && o.slot() < spec.get().outputs().size()) {
            return Optional.ofNullable(spec.get().outputs().get(o.slot()).tooltip());
        }
        if (h instanceof Hit.Title && spec.isEmpty()) {
            return Optional.of("Weft does not know the node type '" + n.type()
                    + "'. Its data is kept and saved unchanged; it cannot run.");
        }
        return Optional.empty();
    }
}
