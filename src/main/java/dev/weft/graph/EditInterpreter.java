package dev.weft.graph;

import dev.weft.graph.GraphEdit.AddGroup;
import dev.weft.graph.GraphEdit.AddInputSlot;
import dev.weft.graph.GraphEdit.AddNode;
import dev.weft.graph.GraphEdit.AddReroute;
import dev.weft.graph.GraphEdit.Compound;
import dev.weft.graph.GraphEdit.Connect;
import dev.weft.graph.GraphEdit.Disconnect;
import dev.weft.graph.GraphEdit.EditGroup;
import dev.weft.graph.GraphEdit.MoveNodes;
import dev.weft.graph.GraphEdit.MoveReroute;
import dev.weft.graph.GraphEdit.RemoveGroup;
import dev.weft.graph.GraphEdit.RemoveNode;
import dev.weft.graph.GraphEdit.RemoveReroute;
import dev.weft.graph.GraphEdit.ResizeNode;
import dev.weft.graph.GraphEdit.SetColor;
import dev.weft.graph.GraphEdit.SetFlag;
import dev.weft.graph.GraphEdit.SetMode;
import dev.weft.graph.GraphEdit.SetProperty;
import dev.weft.graph.GraphEdit.SetTitle;
import dev.weft.graph.GraphEdit.SetWidgetValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What each {@link GraphEdit} does, expressed through a {@link Recorder}. */
final class EditInterpreter {
    private EditInterpreter() {
    }

    static void run(GraphEdit edit, Recorder r) {
        if (edit instanceof Compound c) {
            c.edits().forEach(e -> run(e, r));
        } else if (edit instanceof Patch p) {
            r.restore(p);
        } else if (edit instanceof AddNode a) {
            addNode(a.node(), r);
        } else if (edit instanceof RemoveNode rn) {
            removeNode(rn.nodeId(), r);
        } else if (edit instanceof Connect c) {
            connect(c, r);
        } else if (edit instanceof Disconnect d) {
            if (r.graph().link(d.linkId()).isEmpty()) {
                throw new IllegalArgumentException("the graph has no link " + d.linkId());
            }
            removeLink(d.linkId(), r);
        } else if (edit instanceof MoveNodes m) {
            for (Map.Entry<Integer, Point> e : m.positions().entrySet()) {
                r.putNode(node(r, e.getKey()).withPos(e.getValue()));
            }
        } else if (edit instanceof ResizeNode rs) {
            r.putNode(node(r, rs.nodeId()).withSize(rs.size()));
        } else if (edit instanceof SetWidgetValue w) {
            Node n = node(r, w.nodeId());
            try {
                r.putNode(n.withWidgetValue(w.index(), w.value()));
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        } else if (edit instanceof SetMode m) {
            r.putNode(node(r, m.nodeId()).withMode(m.mode()));
        } else if (edit instanceof SetTitle t) {
            r.putNode(node(r, t.nodeId()).withTitle(t.title()));
        } else if (edit instanceof SetColor c) {
            r.putNode(node(r, c.nodeId()).withColors(c.color(), c.bgcolor()));
        } else if (edit instanceof SetFlag f) {
            r.putNode(node(r, f.nodeId()).withFlag(f.flag(), f.value()));
        } else if (edit instanceof SetProperty p) {
            r.putNode(node(r, p.nodeId()).withProperty(p.key(), p.value()));
        } else if (edit instanceof AddInputSlot a) {
            Node n = node(r, a.nodeId());
            List<InputSlot> in = new ArrayList<>(n.inputs());
            in.add(a.slot());
            r.putNode(n.withInputs(in));
        } else if (edit instanceof AddGroup a) {
            List<Group> gs = new ArrayList<>(r.graph().groupList);
            gs.add(a.group());
            r.setGroups(gs);
            if (a.group().id() != null && a.group().id() > r.graph().counters.lastGroupId()) {
                r.setCounters(r.graph().counters.withLastGroupId(a.group().id()));
            }
        } else if (edit instanceof RemoveGroup rg) {
            List<Group> gs = new ArrayList<>(r.graph().groupList);
            gs.remove(groupIndex(r, rg.index()));
            r.setGroups(gs);
        } else if (edit instanceof EditGroup eg) {
            List<Group> gs = new ArrayList<>(r.graph().groupList);
            gs.set(groupIndex(r, eg.index()), eg.group());
            r.setGroups(gs);
        } else if (edit instanceof AddReroute a) {
            addReroute(a.reroute(), r);
        } else if (edit instanceof RemoveReroute rr) {
            removeReroute(rr.rerouteId(), r);
        } else if (edit instanceof MoveReroute m) {
            r.putReroute(reroute(r, m.rerouteId()).withPos(m.pos()));
        } else {
            throw new IllegalStateException("unhandled edit " + edit);
        }
    }

    private static void addNode(Node n, Recorder r) {
        if (r.graph().node(n.id()).isPresent()) {
            throw new IllegalArgumentException("node id " + n.id() + " is already used; take Graph.nextNodeId()");
        }
        boolean linked = n.inputs().stream().anyMatch(i -> i.link() != null)
                || n.outputs().stream().anyMatch(o -> !o.linkIds().isEmpty());
        if (linked) {
            throw new IllegalArgumentException("a new node (" + n.id() + ") must not carry links; connect it afterwards");
        }
        r.putNode(n);
        if (n.id() > r.graph().counters.lastNodeId()) {
            r.setCounters(r.graph().counters.withLastNodeId(n.id()));
        }
    }

    private static void removeNode(int id, Recorder r) {
        node(r, id);
        for (Link l : r.graph().links()) {
            if (l.originId() == id || l.targetId() == id) {
                removeLink(l.id(), r);
            }
        }
        r.removeNode(id);
    }

    private static void connect(Connect c, Recorder r) {
        Node origin = node(r, c.originId());
        Node target = node(r, c.targetId());
        if (c.originId() == c.targetId()) {
            throw new IllegalArgumentException("cannot connect node " + c.originId() + " (" + origin.type()
                    + ") to itself");
        }
        if (c.originSlot() < 0 || c.originSlot() >= origin.outputs().size()) {
            throw new IllegalArgumentException("node " + origin.id() + " (" + origin.type() + ") has no output "
                    + c.originSlot() + "; it has " + origin.outputs().size());
        }
        int ti = target.inputIndex(c.targetInput());
        if (ti < 0) {
            throw new IllegalArgumentException("node " + target.id() + " (" + target.type() + ") has no input '"
                    + c.targetInput() + "'; add a widget socket first to wire a widget");
        }
        OutputSlot out = origin.outputs().get(c.originSlot());
        InputSlot in = target.inputs().get(ti);
        if (!SocketTypes.compatible(out.type(), in.type())) {
            throw new SocketMismatchException("cannot connect output " + c.originSlot() + " '" + out.name() + "' ("
                    + out.type() + ") of node " + origin.id() + " (" + origin.type() + ") to input '" + in.name()
                    + "' (" + in.type() + ") of node " + target.id() + " (" + target.type()
                    + "): the socket types do not match");
        }
        if (in.link() != null) {
            removeLink(in.link(), r);
        }
        int id = r.graph().counters.lastLinkId() + 1;
        while (r.graph().link(id).isPresent()) {
            id++;
        }
        r.setCounters(r.graph().counters.withLastLinkId(id));
        r.putLink(new Link(id, origin.id(), c.originSlot(), target.id(), ti, out.type(), null));
        Node o = node(r, origin.id());
        r.putNode(o.withOutput(c.originSlot(), o.outputs().get(c.originSlot()).withLinkAdded(id)));
        Node t = node(r, target.id());
        r.putNode(t.withInput(ti, t.inputs().get(ti).withLink(id)));
    }

    private static void removeLink(int linkId, Recorder r) {
        Link l = r.graph().link(linkId).orElseThrow();
        r.removeLink(linkId);
        r.graph().node(l.originId()).ifPresent(o -> {
            if (l.originSlot() < o.outputs().size()) {
                r.putNode(o.withOutput(l.originSlot(), o.outputs().get(l.originSlot()).withLinkRemoved(linkId)));
            }
        });
        r.graph().node(l.targetId()).ifPresent(t -> {
            if (l.targetSlot() < t.inputs().size() && Integer.valueOf(linkId).equals(t.inputs().get(l.targetSlot()).link())) {
                r.putNode(t.withInput(l.targetSlot(), t.inputs().get(l.targetSlot()).withLink(null)));
            }
        });
        for (Reroute rr : r.graph().reroutes()) {
            if (rr.linkIds().contains(linkId)) {
                List<Integer> ids = new ArrayList<>(rr.linkIds());
                ids.remove(Integer.valueOf(linkId));
                r.putReroute(rr.withLinkIds(ids));
            }
        }
    }

    private static void addReroute(Reroute rr, Recorder r) {
        if (r.graph().reroute(rr.id()).isPresent()) {
            throw new IllegalArgumentException("reroute id " + rr.id() + " is already used; take Graph.nextRerouteId()");
        }
        r.putReroute(rr);
        if (rr.id() > r.graph().counters.lastRerouteId()) {
            r.setCounters(r.graph().counters.withLastRerouteId(rr.id()));
        }
    }

    private static void removeReroute(int id, Recorder r) {
        Reroute gone = reroute(r, id);
        for (Link l : r.graph().links()) {
            if (Integer.valueOf(id).equals(l.parentId())) {
                r.putLink(l.withParent(gone.parentId()));
            }
        }
        for (Reroute child : r.graph().reroutes()) {
            if (Integer.valueOf(id).equals(child.parentId())) {
                r.putReroute(child.withParent(gone.parentId()));
            }
        }
        r.removeReroute(id);
    }

    private static Node node(Recorder r, int id) {
        return r.graph().node(id).orElseThrow(() -> new IllegalArgumentException("the graph has no node " + id));
    }

    private static Reroute reroute(Recorder r, int id) {
        return r.graph().reroute(id).orElseThrow(() -> new IllegalArgumentException("the graph has no reroute " + id));
    }

    private static int groupIndex(Recorder r, int index) {
        if (index < 0 || index >= r.graph().groupList.size()) {
            throw new IllegalArgumentException("no group at index " + index + "; the graph has "
                    + r.graph().groupList.size());
        }
        return index;
    }
}
