package dev.weft.workflow;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.TreeSet;

/**
 * JSON equality for round-trip tests: object key order is ignored and numbers compare by value
 * ({@code 1} equals {@code 1.0}); everything else, including array order, must match.
 */
public final class JsonEquality {
    private JsonEquality() {
    }

    public static void assertJsonEquals(JsonElement expected, JsonElement actual) {
        difference(expected, actual, "$").ifPresent(d -> fail("JSON differs at " + d));
    }

    /** The path and values of the first difference, or empty when equal. */
    public static Optional<String> difference(JsonElement a, JsonElement b, String path) {
        if (a == null || a.isJsonNull() || b == null || b.isJsonNull()) {
            boolean bothNull = (a == null || a.isJsonNull()) && (b == null || b.isJsonNull());
            return bothNull ? Optional.empty() : Optional.of(path + ": " + a + " vs " + b);
        }
        if (a.isJsonObject() && b.isJsonObject()) {
            JsonObject x = a.getAsJsonObject();
            JsonObject y = b.getAsJsonObject();
            TreeSet<String> keys = new TreeSet<>(x.keySet());
            keys.addAll(y.keySet());
            for (String k : keys) {
                if (!x.has(k) || !y.has(k)) {
                    return Optional.of(path + "." + k + ": present only in the " + (x.has(k) ? "expected" : "actual")
                            + " JSON (" + (x.has(k) ? x.get(k) : y.get(k)) + ")");
                }
                Optional<String> d = difference(x.get(k), y.get(k), path + "." + k);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isJsonArray() && b.isJsonArray()) {
            JsonArray x = a.getAsJsonArray();
            JsonArray y = b.getAsJsonArray();
            if (x.size() != y.size()) {
                return Optional.of(path + ": array sizes " + x.size() + " vs " + y.size() + " (" + x + " vs " + y + ")");
            }
            for (int i = 0; i < x.size(); i++) {
                Optional<String> d = difference(x.get(i), y.get(i), path + "[" + i + "]");
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isJsonPrimitive() && b.isJsonPrimitive()) {
            JsonPrimitive x = a.getAsJsonPrimitive();
            JsonPrimitive y = b.getAsJsonPrimitive();
            if (x.isNumber() && y.isNumber()) {
                boolean same = new BigDecimal(x.getAsString()).compareTo(new BigDecimal(y.getAsString())) == 0;
                return same ? Optional.empty() : Optional.of(path + ": " + x + " vs " + y);
            }
            boolean sameKind = x.isString() == y.isString() && x.isBoolean() == y.isBoolean() && x.isNumber() == y.isNumber();
            return sameKind && x.getAsString().equals(y.getAsString()) ? Optional.empty()
                    : Optional.of(path + ": " + x + " vs " + y);
        }
        return Optional.of(path + ": " + a + " vs " + b);
    }
}
