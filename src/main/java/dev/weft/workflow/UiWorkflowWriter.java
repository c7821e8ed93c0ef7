package dev.weft.workflow;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Counters;
import dev.weft.graph.Graph;
import dev.weft.graph.Group;
import dev.weft.graph.InputSlot;
import dev.weft.graph.Link;
import dev.weft.graph.Node;
import dev.weft.graph.OutputSlot;
import dev.weft.graph.Reroute;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a {@link Graph} as ComfyUI UI workflow JSON, in the version it was read from (schema 1
 * when {@code version} is 1, otherwise 0.4; a new graph is written as 0.4).
 *
 * <p>A graph loaded by {@link UiWorkflowReader} and written back unchanged gives JSON equal to
 * the input (ignoring key order and number formatting), with two deliberate normalisations: ids and
 * slot indexes given as numeric strings are written as numbers, and, as the frontend's
 * {@code compressWidgetInputSlots} does on save, a widget input with no link and no label is left
 * out of {@code inputs} and link target slots are renumbered to match.
 */
public final class UiWorkflowWriter {
    private static final List<String> NODE_KEY_ORDER = List.of("id", "type", "pos", "size", "flags", "order", "mode",
            "inputs", "outputs", "title", "properties", "widgets_values", "color", "bgcolor");

    private UiWorkflowWriter() {
    }

    /** Writes pretty JSON atomically (temporary file in the same folder, then an atomic move). */
    public static void write(Graph graph, Path file) throws IOException {
        JsonIo.writePretty(file, toJson(graph));
    }

    public static String toText(Graph graph) {
        return JsonIo.pretty(toJson(graph));
    }

    public static JsonObject toJson(Graph graph) {
        JsonObject pass = graph.passthrough();
        boolean fresh = pass.size() == 0;
        boolean v1 = UiWorkflowReader.isSchemaV1(pass);
        Map<Integer, int[]> slotMaps = new HashMap<>();
        for (Node n : graph.nodes()) {
            slotMaps.put(n.id(), compressedSlots(n));
        }
        Map<String, Function<Graph, JsonElement>> owned = new LinkedHashMap<>();
        if (v1) {
            owned.put("state", g -> state(pass.get("state"), g.counters()));
        } else {
            owned.put("last_node_id", g -> new JsonPrimitive(g.counters().lastNodeId()));
            owned.put("last_link_id", g -> new JsonPrimitive(g.counters().lastLinkId()));
        }
        owned.put("nodes", g -> nodes(g, slotMaps));
        owned.put("links", g -> links(g, slotMaps, v1));
        owned.put("groups", UiWorkflowWriter::groups);
        if (v1) {
            owned.put("reroutes", UiWorkflowWriter::reroutes);
        }
        owned.put("extra", g -> v1 ? pass.get("extra") : extra04(pass.get("extra"), g));

        JsonObject root = new JsonObject();
        for (Map.Entry<String, JsonElement> e : pass.entrySet()) {
            Function<Graph, JsonElement> gen = owned.get(e.getKey());
            root.add(e.getKey(), gen == null ? e.getValue() : gen.apply(graph));
        }
        for (Map.Entry<String, Function<Graph, JsonElement>> e : owned.entrySet()) {
            if (!root.has(e.getKey())) {
                JsonElement v = e.getValue().apply(graph);
                boolean required = fresh || !e.getKey().equals("groups") && !e.getKey().equals("reroutes")
                        && !e.getKey().equals("extra");
                if (v != null && !v.isJsonNull() && (required || !isEmpty(v))) {
                    root.add(e.getKey(), v);
                }
            }
        }
        if (fresh) {
            // what the frontend writes for a new graph
            root.add("config", new JsonObject());
            if (!root.has("extra")) {
                root.add("extra", new JsonObject());
            }
        }
        if (!root.has("version")) {
            root.add("version", new JsonPrimitive(0.4));
        }
        return root;
    }

    // ---- nodes

    /**
     * Serialized position of each model input, or -1 for an input compressWidgetInputSlots drops
     * (a widget socket with no link and no label).
     */
    private static int[] compressedSlots(Node n) {
        int[] map = new int[n.inputs().size()];
        int next = 0;
        for (int i = 0; i < map.length; i++) {
            InputSlot s = n.inputs().get(i);
            map[i] = s.isWidgetSocket() && s.link() == null && s.label() == null ? -1 : next++;
        }
        return map;
    }

    private static JsonArray nodes(Graph g, Map<Integer, int[]> slotMaps) {
        int nextOrder = g.nodes().stream().map(n -> n.extra().get("order"))
                .filter(o -> o != null && o.isJsonPrimitive() && o.getAsJsonPrimitive().isNumber())
                .mapToInt(JsonElement::getAsInt).max().orElse(-1) + 1;
        JsonArray arr = new JsonArray();
        for (Node n : g.nodes()) {
            JsonObject o = new JsonObject();
            for (String key : n.format().keyOrder()) {
                putKey(o, n, key, slotMaps.get(n.id()), true);
            }
            for (String key : NODE_KEY_ORDER) {
                if (!o.has(key)) {
                    if (key.equals("order") && !n.extra().has("order")) {
                        // new nodes need an order; ComfyUI recomputes it on load anyway
                        o.addProperty("order", nextOrder++);
                    } else {
                        putKey(o, n, key, slotMaps.get(n.id()), false);
                    }
                }
            }
            for (Map.Entry<String, JsonElement> e : n.extra().entrySet()) {
                if (!o.has(e.getKey())) {
                    o.add(e.getKey(), e.getValue());
                }
            }
            arr.add(o);
        }
        return arr;
    }

    /**
     * Writes one key of a node: the model's value when it has one, else a raw value kept in
     * {@code extra}. Keys the file did not have are written only when they say something.
     */
    private static void putKey(JsonObject o, Node n, String key, int[] slotMap, boolean inFile) {
        if (!UiWorkflowReader.MODELLED_NODE_KEYS.contains(key)) {
            if (n.extra().has(key)) {
                o.add(key, n.extra().get(key));
            }
            return;
        }
        JsonElement v = modelled(n, key, slotMap);
        if (v != null) {
            boolean emptyList = v.isJsonArray() && v.getAsJsonArray().isEmpty()
                    && (key.equals("inputs") || key.equals("outputs"));
            if (inFile || !emptyList) {
                o.add(key, v);
            }
        } else if (n.extra().has(key)) {
            o.add(key, n.extra().get(key));
        }
    }

    private static JsonElement modelled(Node n, String key, int[] slotMap) {
        return switch (key) {
            case "id" -> new JsonPrimitive(n.id());
            case "type" -> new JsonPrimitive(n.type());
            case "title" -> n.title() == null ? null : new JsonPrimitive(n.title());
            case "pos" -> n.pos() == null ? null : pair(n.pos().x(), n.pos().y(), n.format().posAsObject());
            case "size" -> n.size() == null ? null : pair(n.size().width(), n.size().height(), n.format().sizeAsObject());
            case "mode" -> new JsonPrimitive(n.mode().code());
            case "color" -> n.color() == null ? null : new JsonPrimitive(n.color());
            case "bgcolor" -> n.bgcolor() == null ? null : new JsonPrimitive(n.bgcolor());
            case "flags" -> n.flags();
            case "properties" -> n.properties();
            case "inputs" -> inputs(n, slotMap);
            case "outputs" -> outputs(n);
            case "widgets_values" -> n.widgetValues();
            default -> null;
        };
    }

    private static JsonElement pair(double a, double b, boolean asObject) {
        if (asObject) {
            JsonObject s = new JsonObject();
            s.add("0", JsonIo.number(a));
            s.add("1", JsonIo.number(b));
            return s;
        }
        JsonArray arr = new JsonArray();
        arr.add(JsonIo.number(a));
        arr.add(JsonIo.number(b));
        return arr;
    }

    private static JsonArray inputs(Node n, int[] slotMap) {
        JsonArray arr = new JsonArray();
        for (int i = 0; i < n.inputs().size(); i++) {
            if (slotMap[i] < 0) {
                continue;
            }
            InputSlot s = n.inputs().get(i);
            JsonObject o = new JsonObject();
            o.addProperty("name", s.name());
            o.addProperty("type", s.type());
            o.add("link", s.link() == null ? JsonNull.INSTANCE : new JsonPrimitive(s.link()));
            if (s.label() != null) {
                o.addProperty("label", s.label());
            }
            s.extra().entrySet().forEach(e -> o.add(e.getKey(), e.getValue())); // raw values win
            arr.add(o);
        }
        return arr;
    }

    private static JsonArray outputs(Node n) {
        JsonArray arr = new JsonArray();
        for (OutputSlot s : n.outputs()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", s.name());
            o.addProperty("type", s.type());
            if (s.links() == null) {
                o.add("links", JsonNull.INSTANCE);
            } else {
                JsonArray l = new JsonArray();
                s.links().forEach(l::add);
                o.add("links", l);
            }
            if (s.label() != null) {
                o.addProperty("label", s.label());
            }
            s.extra().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
            arr.add(o);
        }
        return arr;
    }

    // ---- links, groups, reroutes

    private static JsonArray links(Graph g, Map<Integer, int[]> slotMaps, boolean v1) {
        JsonArray arr = new JsonArray();
        for (Link l : g.links()) {
            int target = slotMaps.get(l.targetId())[l.targetSlot()];
            if (v1) {
                JsonObject o = new JsonObject();
                o.addProperty("id", l.id());
                o.addProperty("origin_id", l.originId());
                o.addProperty("origin_slot", l.originSlot());
                o.addProperty("target_id", l.targetId());
                o.addProperty("target_slot", target);
                o.addProperty("type", l.type());
                if (l.parentId() != null) {
                    o.addProperty("parentId", l.parentId());
                }
                arr.add(o);
            } else {
                JsonArray a = new JsonArray();
                a.add(l.id());
                a.add(l.originId());
                a.add(l.originSlot());
                a.add(l.targetId());
                a.add(target);
                a.add(l.type());
                arr.add(a);
            }
        }
        return arr;
    }

    private static JsonArray groups(Graph g) {
        JsonArray arr = new JsonArray();
        for (Group gr : g.groups()) {
            JsonObject o = new JsonObject();
            if (gr.id() != null) {
                o.addProperty("id", gr.id());
            }
            o.addProperty("title", gr.title());
            JsonArray b = new JsonArray();
            b.add(JsonIo.number(gr.bounding().x()));
            b.add(JsonIo.number(gr.bounding().y()));
            b.add(JsonIo.number(gr.bounding().width()));
            b.add(JsonIo.number(gr.bounding().height()));
            o.add("bounding", b);
            if (gr.color() != null) {
                o.addProperty("color", gr.color());
            }
            if (gr.fontSize() != null) {
                o.add("font_size", JsonIo.number(gr.fontSize()));
            }
            if (gr.flags() != null) {
                o.add("flags", gr.flags());
            }
            gr.extra().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
            arr.add(o);
        }
        return arr;
    }

    private static JsonArray reroutes(Graph g) {
        JsonArray arr = new JsonArray();
        for (Reroute r : g.reroutes()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", r.id());
            if (r.parentId() != null) {
                o.addProperty("parentId", r.parentId());
            }
            o.add("pos", JsonFields.pointJson(r.pos()));
            JsonArray ids = new JsonArray();
            r.linkIds().forEach(ids::add);
            o.add("linkIds", ids);
            if (r.floating() != null) {
                o.add("floating", r.floating());
            }
            r.extra().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
            arr.add(o);
        }
        return arr;
    }

    /** Version 0.4 keeps native reroutes and link parents inside {@code extra}. */
    private static JsonElement extra04(JsonElement kept, Graph g) {
        JsonObject extra = kept != null && kept.isJsonObject() ? kept.getAsJsonObject().deepCopy() : null;
        JsonArray reroutes = reroutes(g);
        JsonArray ext = new JsonArray();
        for (Link l : g.links()) {
            if (l.parentId() != null) {
                JsonObject o = new JsonObject();
                o.addProperty("id", l.id());
                o.addProperty("parentId", l.parentId());
                ext.add(o);
            }
        }
        if (extra == null && reroutes.isEmpty() && ext.isEmpty()) {
            return kept; // null (no key) or whatever non-object the file had
        }
        extra = extra == null ? new JsonObject() : extra;
        if (extra.has("reroutes") || !reroutes.isEmpty()) {
            extra.add("reroutes", reroutes);
        }
        if (extra.has("linkExtensions") || !ext.isEmpty()) {
            extra.add("linkExtensions", ext);
        }
        return extra;
    }

    private static JsonObject state(JsonElement kept, Counters c) {
        JsonObject s = kept != null && kept.isJsonObject() ? kept.getAsJsonObject().deepCopy() : new JsonObject();
        s.addProperty("lastGroupId", c.lastGroupId());
        s.addProperty("lastNodeId", c.lastNodeId());
        s.addProperty("lastLinkId", c.lastLinkId());
        s.addProperty("lastRerouteId", c.lastRerouteId());
        return s;
    }

    private static boolean isEmpty(JsonElement v) {
        return v.isJsonArray() && v.getAsJsonArray().isEmpty() || v.isJsonObject() && v.getAsJsonObject().size() == 0;
    }
}
