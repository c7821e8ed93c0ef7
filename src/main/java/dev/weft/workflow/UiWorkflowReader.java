package dev.weft.workflow;

import static dev.weft.workflow.JsonFields.arrayOrNull;
import static dev.weft.workflow.JsonFields.integer;
import static dev.weft.workflow.JsonFields.integerOrNull;
import static dev.weft.workflow.JsonFields.objectOrNull;
import static dev.weft.workflow.JsonFields.stringOrNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.weft.graph.Bounds;
import dev.weft.graph.Counters;
import dev.weft.graph.Graph;
import dev.weft.graph.Group;
import dev.weft.graph.InputSlot;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.NodeFormat;
import dev.weft.graph.NodeMode;
import dev.weft.graph.OutputSlot;
import dev.weft.graph.Point;
import dev.weft.graph.Reroute;
import dev.weft.graph.Size;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads ComfyUI's UI workflow JSON, version 0.4 (links as 6-arrays, native reroutes in
 * {@code extra.reroutes} and {@code extra.linkExtensions}) and schema version 1 (links as objects,
 * {@code state}, top-level {@code reroutes}), into a {@link Graph}.
 *
 * <p>Accepts node {@code size}/{@code pos} as arrays or {@code {"0": w, "1": h}}, ids and slot
 * indexes as ints or numeric strings (normalised to ints), and {@code widgets_values} as an array
 * or an object. Everything the model does not interpret is kept for {@link UiWorkflowWriter}.
 *
 * <p>Consistency, as ComfyUI's loader keeps it: each link's target slot is re-derived from the
 * input that refers to it ({@code fixLinkInputSlots}). Dangling references are repaired and each
 * repair is reported in {@link Result#repairs()}. A link to a node that does not exist is an
 * error.
 */
public final class UiWorkflowReader {
    static final Set<String> MODELLED_NODE_KEYS = Set.of("id", "type", "title", "pos", "size", "mode", "color",
            "bgcolor", "flags", "properties", "inputs", "outputs", "widgets_values");

    /**
     * @param graph the loaded graph
     * @param repairs one line per inconsistency that was fixed while loading (empty for files
     *     ComfyUI wrote)
     */
    public record Result(Graph graph, List<String> repairs) {
        public Result {
            repairs = List.copyOf(repairs);
        }
    }

    private final String source;
    private final List<String> repairs = new ArrayList<>();

    private UiWorkflowReader(String source) {
        this.source = source;
    }

    public static Result read(Path file) throws IOException {
        JsonElement root = JsonIo.read(file);
        return fromJson(root, file.getFileName().toString());
    }

    public static Result parse(String text, String source) throws WorkflowException {
        return fromJson(JsonIo.parse(text, source), source);
    }

    /** @param source names the workflow in error messages */
    public static Result fromJson(JsonElement root, String source) throws WorkflowException {
        if (!looksLikeUiWorkflow(root)) {
            throw new WorkflowException(source + ": not a ComfyUI UI workflow (expected an object with a \"nodes\" list)");
        }
        return new UiWorkflowReader(source).readGraph(root.getAsJsonObject());
    }

    /** Whether JSON has the shape of a UI workflow: an object with a {@code nodes} array. */
    public static boolean looksLikeUiWorkflow(JsonElement e) {
        return e != null && e.isJsonObject() && e.getAsJsonObject().has("nodes")
                && e.getAsJsonObject().get("nodes").isJsonArray();
    }

    private Result readGraph(JsonObject root) throws WorkflowException {
        boolean v1 = isSchemaV1(root);
        JsonObject passthrough = root.deepCopy();
        JsonObject extra = objectOrNull(passthrough.get("extra"));

        Map<Integer, Node> nodes = new LinkedHashMap<>();
        JsonArray nodeArr = root.getAsJsonArray("nodes");
        for (int k = 0; k < nodeArr.size(); k++) {
            JsonElement e = nodeArr.get(k);
            if (!e.isJsonObject()) {
                throw error("nodes[" + k + "] is not an object");
            }
            Node n = readNode(e.getAsJsonObject(), k);
            if (nodes.put(n.id(), n) != null) {
                throw error("node id " + n.id() + " is used by two nodes");
            }
        }

        Map<Integer, Link> links = readLinks(root.get("links"));
        if (!v1 && extra != null) {
            JsonArray ext = arrayOrNull(extra.get("linkExtensions"));
            if (ext != null) {
                applyLinkExtensions(ext, links);
            }
        }
        List<Group> groups = readGroups(arrayOrNull(root.get("groups")));
        JsonArray rerouteArr = v1 ? arrayOrNull(root.get("reroutes"))
                : extra == null ? null : arrayOrNull(extra.get("reroutes"));
        List<Reroute> reroutes = readReroutes(rerouteArr);

        checkEndpoints(links, nodes);
        fixSlotReferences(nodes, links);
        Counters counters = readCounters(root, v1, nodes, links, groups, reroutes);

        markOwnedKeys(passthrough, v1);
        try {
            return new Result(Graph.of(nodes.values(), links.values(), groups, reroutes, counters, passthrough), repairs);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    static boolean isSchemaV1(JsonObject root) {
        JsonElement v = root.get("version");
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() && v.getAsDouble() == 1.0;
    }

    /** Replaces what the model owns by null placeholders that keep the key's place. */
    private static void markOwnedKeys(JsonObject p, boolean v1) {
        List<String> owned = v1 ? List.of("nodes", "links", "groups", "reroutes")
                : List.of("nodes", "links", "groups", "last_node_id", "last_link_id");
        for (String k : owned) {
            if (p.has(k)) {
                p.add(k, JsonNull.INSTANCE);
            }
        }
        if (v1) {
            JsonObject state = objectOrNull(p.get("state"));
            if (state != null) {
                for (String k : List.of("lastGroupId", "lastNodeId", "lastLinkId", "lastRerouteId")) {
                    if (state.has(k)) {
                        state.add(k, JsonNull.INSTANCE);
                    }
                }
            }
        } else {
            JsonObject extra = objectOrNull(p.get("extra"));
            if (extra != null) {
                for (String k : List.of("reroutes", "linkExtensions")) {
                    if (extra.has(k)) {
                        extra.add(k, JsonNull.INSTANCE);
                    }
                }
            }
        }
    }

    // ---- nodes

    private Node readNode(JsonObject o, int k) throws WorkflowException {
        int id = integer(o.get("id"), source + ": nodes[" + k + "].id");
        String where = "node " + id;
        String type = stringOrNull(o.get("type"));
        if (type == null || type.isEmpty()) {
            throw error(where + " has no type");
        }
        where += " (" + type + ")";
        JsonObject extra = new JsonObject();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (!MODELLED_NODE_KEYS.contains(e.getKey())) {
                extra.add(e.getKey(), e.getValue());
            }
        }
        Point pos = JsonFields.point(o.get("pos"), source + ": " + where + " pos");
        double[] size = JsonFields.pair(o.get("size"), source + ": " + where + " size");
        boolean posAsObject = o.get("pos") != null && o.get("pos").isJsonObject();
        boolean sizeAsObject = o.get("size") != null && o.get("size").isJsonObject();
        NodeMode mode = NodeMode.ALWAYS;
        Integer modeCode = integerOrNull(o.get("mode"), source + ": " + where + " mode");
        if (modeCode != null) {
            try {
                mode = NodeMode.fromCode(modeCode);
            } catch (IllegalArgumentException e) {
                throw error(where + ": " + e.getMessage());
            }
        }
        String title = keepString(o, "title", extra);
        String color = keepString(o, "color", extra);
        String bgcolor = keepString(o, "bgcolor", extra);
        JsonObject flags = keepObject(o, "flags", extra);
        JsonObject properties = keepObject(o, "properties", extra);
        List<InputSlot> inputs = readInputs(arrayOrNull(o.get("inputs")), where);
        List<OutputSlot> outputs = readOutputs(arrayOrNull(o.get("outputs")), where);
        JsonElement widgets = o.get("widgets_values");
        return new Node(id, type, title, pos, size == null ? null : new Size(size[0], size[1]), mode, color, bgcolor,
                flags, properties, inputs, outputs, widgets, extra, new NodeFormat(new ArrayList<>(o.keySet()), posAsObject, sizeAsObject));
    }

    /** A string field; a value of another JSON type is kept raw in {@code extra} instead. */
    private static String keepString(JsonObject o, String key, JsonObject extra) {
        JsonElement v = o.get(key);
        String s = stringOrNull(v);
        if (v != null && s == null) {
            extra.add(key, v);
        }
        return s;
    }

    private static JsonObject keepObject(JsonObject o, String key, JsonObject extra) {
        JsonElement v = o.get(key);
        if (v != null && !v.isJsonObject()) {
            extra.add(key, v);
        }
        return objectOrNull(v);
    }

    private List<InputSlot> readInputs(JsonArray arr, String where) throws WorkflowException {
        List<InputSlot> out = new ArrayList<>();
        if (arr == null) {
            return out;
        }
        for (int i = 0; i < arr.size(); i++) {
            JsonObject s = slotObject(arr.get(i), where + " inputs[" + i + "]");
            JsonObject extra = rest(s, "name", "type", "link", "label");
            String name = slotName(s, extra);
            String type = slotType(s, extra);
            String label = keepString(s, "label", extra);
            Integer link = integerOrNull(s.get("link"), source + ": " + where + " input '" + name + "' link");
            out.add(new InputSlot(name, type, link, label, extra));
        }
        return out;
    }

    private List<OutputSlot> readOutputs(JsonArray arr, String where) throws WorkflowException {
        List<OutputSlot> out = new ArrayList<>();
        if (arr == null) {
            return out;
        }
        for (int j = 0; j < arr.size(); j++) {
            JsonObject s = slotObject(arr.get(j), where + " outputs[" + j + "]");
            JsonObject extra = rest(s, "name", "type", "links", "label");
            String name = slotName(s, extra);
            String type = slotType(s, extra);
            String label = keepString(s, "label", extra);
            List<Integer> links = null;
            JsonArray l = arrayOrNull(s.get("links"));
            if (l != null) {
                links = new ArrayList<>();
                for (JsonElement id : l) {
                    links.add(integer(id, source + ": " + where + " output " + j + " links"));
                }
            }
            out.add(new OutputSlot(name, type, links, label, extra));
        }
        return out;
    }

    private JsonObject slotObject(JsonElement e, String where) throws WorkflowException {
        if (e == null || !e.isJsonObject()) {
            throw error(where + " is not an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonObject rest(JsonObject s, String... modelled) {
        JsonObject extra = s.deepCopy();
        for (String k : modelled) {
            extra.remove(k);
        }
        return extra;
    }

    private static String slotName(JsonObject s, JsonObject extra) {
        String name = keepString(s, "name", extra);
        return name == null ? "" : name;
    }

    /** The slot type as a string; a non-string type (LiteGraph event slots use -1) is kept raw. */
    private static String slotType(JsonObject s, JsonObject extra) {
        JsonElement t = s.get("type");
        if (t == null || t.isJsonNull()) {
            if (t != null) {
                extra.add("type", t);
            }
            return "*";
        }
        String str = stringOrNull(t);
        if (str != null) {
            return str;
        }
        extra.add("type", t);
        return JsonIo.compact(t);
    }

    // ---- links

    private Map<Integer, Link> readLinks(JsonElement e) throws WorkflowException {
        Map<Integer, Link> links = new LinkedHashMap<>();
        JsonArray arr = arrayOrNull(e);
        if (arr == null) {
            return links;
        }
        for (int k = 0; k < arr.size(); k++) {
            JsonElement l = arr.get(k);
            String where = source + ": links[" + k + "]";
            Link link;
            if (l.isJsonNull()) {
                repairs.add("links[" + k + "] was null; dropped");
                continue;
            } else if (l.isJsonArray() && l.getAsJsonArray().size() >= 5) {
                JsonArray a = l.getAsJsonArray();
                link = new Link(integer(a.get(0), where + "[0] (id)"), integer(a.get(1), where + "[1] (origin node)"),
                        integer(a.get(2), where + "[2] (origin slot)"), integer(a.get(3), where + "[3] (target node)"),
                        integer(a.get(4), where + "[4] (target slot)"), linkType(a.size() > 5 ? a.get(5) : null),
                        null);
            } else if (l.isJsonObject()) {
                JsonObject o = l.getAsJsonObject();
                link = new Link(integer(o.get("id"), where + ".id"), integer(o.get("origin_id"), where + ".origin_id"),
                        integer(o.get("origin_slot"), where + ".origin_slot"),
                        integer(o.get("target_id"), where + ".target_id"),
                        integer(o.get("target_slot"), where + ".target_slot"), linkType(o.get("type")),
                        integerOrNull(o.get("parentId"), where + ".parentId"));
            } else {
                throw new WorkflowException(where + " must be [id, origin, slot, target, slot, type] or an object");
            }
            if (links.put(link.id(), link) != null) {
                throw error("link id " + link.id() + " is used twice");
            }
        }
        return links;
    }

    private static String linkType(JsonElement t) {
        if (t == null || t.isJsonNull()) {
            return "*";
        }
        String s = stringOrNull(t);
        return s != null ? s : JsonIo.compact(t);
    }

    private void applyLinkExtensions(JsonArray ext, Map<Integer, Link> links) throws WorkflowException {
        for (JsonElement e : ext) {
            JsonObject o = objectOrNull(e);
            if (o == null) {
                continue;
            }
            int id = integer(o.get("id"), source + ": extra.linkExtensions id");
            Integer parent = integerOrNull(o.get("parentId"), source + ": extra.linkExtensions parentId");
            Link l = links.get(id);
            if (l == null) {
                repairs.add("extra.linkExtensions names link " + id + ", which does not exist; dropped");
            } else {
                links.put(id, l.withParent(parent));
            }
        }
    }

    private void checkEndpoints(Map<Integer, Link> links, Map<Integer, Node> nodes) throws WorkflowException {
        for (Link l : links.values()) {
            Node o = nodes.get(l.originId());
            if (o == null) {
                throw error("link " + l.id() + " comes from node " + l.originId() + ", which does not exist");
            }
            if (nodes.get(l.targetId()) == null) {
                throw error("link " + l.id() + " goes to node " + l.targetId() + ", which does not exist");
            }
            if (l.originSlot() < 0 || l.originSlot() >= o.outputs().size()) {
                throw error("link " + l.id() + " leaves output " + l.originSlot() + " of node " + o.id() + " ("
                        + o.type() + "), which has " + o.outputs().size() + " outputs");
            }
        }
    }

    /**
     * Makes inputs, outputs and links agree. The input that refers to a link decides the link's
     * target slot (the frontend's fixLinkInputSlots); everything else is repaired and reported.
     */
    private void fixSlotReferences(Map<Integer, Node> nodes, Map<Integer, Link> links) throws WorkflowException {
        Set<Integer> claimed = new HashSet<>();
        for (Node n : List.copyOf(nodes.values())) {
            List<InputSlot> inputs = new ArrayList<>(n.inputs());
            for (int i = 0; i < inputs.size(); i++) {
                Integer id = inputs.get(i).link();
                if (id == null) {
                    continue;
                }
                Link l = links.get(id);
                String what = "input '" + inputs.get(i).name() + "' of node " + n.id() + " (" + n.type() + ")";
                if (l == null || l.targetId() != n.id() || claimed.contains(id)) {
                    repairs.add(what + " referred to link " + id + ", which does not enter it; cleared");
                    inputs.set(i, inputs.get(i).withLink(null));
                } else {
                    claimed.add(id);
                    links.put(id, l.withTargetSlot(i));
                }
            }
            nodes.put(n.id(), n.withInputs(inputs));
        }
        for (Link l : List.copyOf(links.values())) {
            if (claimed.contains(l.id())) {
                continue;
            }
            Node t = nodes.get(l.targetId());
            if (l.targetSlot() >= 0 && l.targetSlot() < t.inputs().size() && t.inputs().get(l.targetSlot()).link() == null) {
                nodes.put(t.id(), t.withInput(l.targetSlot(), t.inputs().get(l.targetSlot()).withLink(l.id())));
                repairs.add("link " + l.id() + " was not recorded on input " + l.targetSlot() + " of node " + t.id()
                        + "; attached");
            } else {
                links.remove(l.id());
                repairs.add("link " + l.id() + " has no free input " + l.targetSlot() + " on node " + t.id()
                        + " (" + t.type() + "); dropped");
            }
        }
        for (Node n : List.copyOf(nodes.values())) {
            List<OutputSlot> outputs = new ArrayList<>(n.outputs());
            for (int j = 0; j < outputs.size(); j++) {
                OutputSlot out = outputs.get(j);
                List<Integer> ids = new ArrayList<>();
                for (Integer id : out.linkIds()) {
                    Link l = links.get(id);
                    if (l != null && l.originId() == n.id() && l.originSlot() == j && !ids.contains(id)) {
                        ids.add(id);
                    } else {
                        repairs.add("output " + j + " of node " + n.id() + " (" + n.type() + ") listed link " + id
                                + ", which does not leave it; removed");
                    }
                }
                for (Link l : links.values()) {
                    if (l.originId() == n.id() && l.originSlot() == j && !ids.contains(l.id())) {
                        ids.add(l.id());
                        repairs.add("output " + j + " of node " + n.id() + " (" + n.type() + ") did not list link "
                                + l.id() + "; added");
                    }
                }
                if (!ids.equals(out.linkIds())) {
                    outputs.set(j, new OutputSlot(out.name(), out.type(), ids, out.label(), out.extra()));
                }
            }
            nodes.put(n.id(), n.withOutputs(outputs));
        }
    }

    // ---- groups, reroutes, counters

    private List<Group> readGroups(JsonArray arr) throws WorkflowException {
        List<Group> groups = new ArrayList<>();
        if (arr == null) {
            return groups;
        }
        for (int k = 0; k < arr.size(); k++) {
            JsonObject o = objectOrNull(arr.get(k));
            String where = source + ": groups[" + k + "]";
            if (o == null) {
                throw new WorkflowException(where + " is not an object");
            }
            JsonObject extra = rest(o, "id", "title", "bounding", "color", "font_size", "flags");
            JsonArray b = arrayOrNull(o.get("bounding"));
            if (b == null || b.size() < 4) {
                throw new WorkflowException(where + " needs bounding [x, y, width, height]");
            }
            Bounds bounds = new Bounds(JsonFields.number(b.get(0), where + ".bounding"),
                    JsonFields.number(b.get(1), where + ".bounding"), JsonFields.number(b.get(2), where + ".bounding"),
                    JsonFields.number(b.get(3), where + ".bounding"));
            String title = keepString(o, "title", extra);
            String color = keepString(o, "color", extra);
            Double font = null;
            if (o.has("font_size")) {
                font = JsonFields.number(o.get("font_size"), where + ".font_size");
            }
            JsonObject flags = keepObject(o, "flags", extra);
            groups.add(new Group(integerOrNull(o.get("id"), where + ".id"), title == null ? "" : title, bounds, color,
                    font, flags, extra));
        }
        return groups;
    }

    private List<Reroute> readReroutes(JsonArray arr) throws WorkflowException {
        List<Reroute> out = new ArrayList<>();
        if (arr == null) {
            return out;
        }
        for (int k = 0; k < arr.size(); k++) {
            JsonObject o = objectOrNull(arr.get(k));
            String where = source + ": reroutes[" + k + "]";
            if (o == null) {
                throw new WorkflowException(where + " is not an object");
            }
            JsonObject extra = rest(o, "id", "parentId", "pos", "linkIds", "floating");
            Point pos = JsonFields.point(o.get("pos"), where + ".pos");
            if (pos == null) {
                throw new WorkflowException(where + " has no pos");
            }
            List<Integer> ids = new ArrayList<>();
            JsonArray l = arrayOrNull(o.get("linkIds"));
            if (l != null) {
                for (JsonElement id : l) {
                    ids.add(integer(id, where + ".linkIds"));
                }
            }
            out.add(new Reroute(integer(o.get("id"), where + ".id"), integerOrNull(o.get("parentId"), where + ".parentId"),
                    pos, ids, o.get("floating"), extra));
        }
        return out;
    }

    private Counters readCounters(JsonObject root, boolean v1, Map<Integer, Node> nodes, Map<Integer, Link> links,
            List<Group> groups, List<Reroute> reroutes) throws WorkflowException {
        Integer lastNode;
        Integer lastLink;
        Integer lastGroup = null;
        Integer lastReroute = null;
        if (v1) {
            JsonObject state = objectOrNull(root.get("state"));
            state = state == null ? new JsonObject() : state;
            lastNode = integerOrNull(state.get("lastNodeId"), source + ": state.lastNodeId");
            lastLink = integerOrNull(state.get("lastLinkId"), source + ": state.lastLinkId");
            lastGroup = integerOrNull(state.get("lastGroupId"), source + ": state.lastGroupId");
            lastReroute = integerOrNull(state.get("lastRerouteId"), source + ": state.lastRerouteId");
        } else {
            lastNode = counter(root.get("last_node_id"), "last_node_id");
            lastLink = counter(root.get("last_link_id"), "last_link_id");
        }
        int maxNode = nodes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int maxLink = links.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int maxGroup = groups.stream().filter(g -> g.id() != null).mapToInt(Group::id).max().orElse(0);
        int maxReroute = reroutes.stream().mapToInt(Reroute::id).max().orElse(0);
        return new Counters(lastNode == null ? maxNode : lastNode, lastLink == null ? maxLink : lastLink,
                lastGroup == null ? maxGroup : lastGroup, lastReroute == null ? maxReroute : lastReroute);
    }

    /** Legacy group-node workflows may hold a non-numeric id here; fall back to the highest id used. */
    private Integer counter(JsonElement e, String key) throws WorkflowException {
        try {
            return integerOrNull(e, key);
        } catch (WorkflowException ex) {
            repairs.add(key + " " + JsonIo.compact(e) + " is not a number; using the highest id in the file");
            return null;
        }
    }

    private WorkflowException error(String what) {
        return new WorkflowException(source + ": " + what);
    }
}
