package dev.weft.engine.golden;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading the golden manifests, which Python wrote: objects at the top, non-finite floats as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, and absent or {@code null} for
 * "not given".
 */
public final class GoldenJson {
    private GoldenJson() {
    }

    /** The JSON object in {@code file} (UTF-8). */
    public static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    /** A number, or one of the strings "NaN", "Infinity", "-Infinity". */
    public static double number(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return switch (e.getAsString()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + e);
            };
        }
        return e.getAsDouble();
    }

    /** {@link #number} of every element. */
    public static double[] numbers(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i));
        }
        return out;
    }

    /** {@link #number} of every element, rounded to float32. */
    public static float[] floats(JsonArray a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) number(a.get(i));
        }
        return out;
    }

    /** Every element as an int. */
    public static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    /** Whether {@code key} is absent or JSON null. */
    public static boolean isNull(JsonObject o, String key) {
        return !o.has(key) || o.get(key).isJsonNull();
    }
}
