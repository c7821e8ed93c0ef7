package dev.weft.workflow;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.weft.graph.Point;

/** Lenient readers for the loosely typed fields of ComfyUI's JSON; each error names its place. */
final class JsonFields {
    private JsonFields() {
    }

    /** An int given as a JSON number or a numeric string. */
    static int integer(JsonElement e, String where) throws WorkflowException {
        Integer v = integerOrNull(e, where);
        if (v == null) {
            throw new WorkflowException(where + " is missing");
        }
        return v;
    }

    static Integer integerOrNull(JsonElement e, String where) throws WorkflowException {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            try {
                if (p.isNumber()) {
                    double d = p.getAsDouble();
                    if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                        return (int) d;
                    }
                } else if (p.isString()) {
                    return Integer.parseInt(p.getAsString().trim());
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new WorkflowException(where + " must be an integer but is " + JsonIo.compact(e));
    }

    static double number(JsonElement e, String where) throws WorkflowException {
        if (e != null && e.isJsonPrimitive()) {
            try {
                return e.getAsDouble();
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new WorkflowException(where + " must be a number but is " + (e == null ? "missing" : JsonIo.compact(e)));
    }

    /** A pair given as {@code [a, b]} or {@code {"0": a, "1": b}}; null when absent. */
    static double[] pair(JsonElement e, String where) throws WorkflowException {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonArray() && e.getAsJsonArray().size() >= 2) {
            JsonArray a = e.getAsJsonArray();
            return new double[] {number(a.get(0), where + "[0]"), number(a.get(1), where + "[1]")};
        }
        if (e.isJsonObject() && e.getAsJsonObject().has("0") && e.getAsJsonObject().has("1")) {
            JsonObject o = e.getAsJsonObject();
            return new double[] {number(o.get("0"), where + "[0]"), number(o.get("1"), where + "[1]")};
        }
        throw new WorkflowException(where + " must be [a, b] or {\"0\": a, \"1\": b} but is " + JsonIo.compact(e));
    }

    static Point point(JsonElement e, String where) throws WorkflowException {
        double[] p = pair(e, where);
        return p == null ? null : new Point(p[0], p[1]);
    }

    static JsonArray pointJson(Point p) {
        JsonArray a = new JsonArray();
        a.add(JsonIo.number(p.x()));
        a.add(JsonIo.number(p.y()));
        return a;
    }

    static String stringOrNull(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    static JsonObject objectOrNull(JsonElement e) {
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static JsonArray arrayOrNull(JsonElement e) {
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : null;
    }
}
