package dev.weft.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.tensor.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading helpers shared by the UNet and ControlNet golden suites. */
final class GoldenCases {
    private GoldenCases() {
    }

    static JsonObject manifest(Path caseDir) throws IOException {
        return JsonParser.parseString(Files.readString(caseDir.resolve("manifest.json"))).getAsJsonObject();
    }

    /** The head rule of a manifest {@code config} (ComfyUI constructor kwargs). */
    static AttentionHeads heads(JsonObject config) {
        return AttentionHeads.fromComfy(intOr(config, "num_heads", -1), intOr(config, "num_head_channels", -1));
    }

    static int intOr(JsonObject o, String key, int fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsInt();
    }

    static String stringOr(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    static List<Integer> ints(JsonElement e) {
        List<Integer> out = new ArrayList<>();
        if (e != null && !e.isJsonNull()) {
            for (JsonElement v : e.getAsJsonArray()) {
                out.add(v.getAsInt());
            }
        }
        return out;
    }

    static float[] floats(JsonElement e) {
        float[] out = new float[e.getAsJsonArray().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = e.getAsJsonArray().get(i).getAsFloat();
        }
        return out;
    }

    /** The named tensor of {@code io}, or {@code null} when {@code name} is JSON null / absent. */
    static NDArray tensor(SafetensorsFile io, JsonElement name, NDManager m) throws IOException {
        if (name == null || name.isJsonNull()) {
            return null;
        }
        return io.load(name.getAsString(), m);
    }

    /** Compares with {@link Tolerance#MODELS}, naming shapes that differ. */
    static Tolerance.Comparison compare(NDArray got, SafetensorsFile io, String refName) throws IOException {
        long[] refShape = io.info(refName).shape();
        long[] gotShape = got.getShape().getShape();
        if (!java.util.Arrays.equals(refShape, gotShape)) {
            return new Tolerance.Comparison(Double.POSITIVE_INFINITY, 0, false, "shape "
                    + java.util.Arrays.toString(gotShape) + " != reference " + java.util.Arrays.toString(refShape));
        }
        return Tolerance.MODELS.compare(got.toFloatArray(), io.readFloats(refName));
    }

    /** Evaluates one case, turning any exception into an error result. */
    static GoldenResult guard(String name, Checked<GoldenResult> body) {
        try {
            return body.get();
        } catch (Exception | Error e) {
            if (Boolean.getBoolean("weft.golden.trace")) {
                e.printStackTrace();
            }
            return GoldenResult.error(name, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A supplier that may throw. */
    @FunctionalInterface
    interface Checked<T> {
        T get() throws Exception;
    }
}
