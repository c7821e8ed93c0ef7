package dev.weft.engine.image;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reference outputs in {@code src/test/resources/image/reference.json}, produced once by running
 * ComfyUI's own {@code comfy.utils.common_upscale} (commit a125cd84) on torch 1.13.1 and Pillow 9.4,
 * and kornia's {@code canny} (0.7.0 with the current release's angle rounding), on the inputs that
 * {@link #ramp} recreates. Values are float32 written as Python floats.
 */
final class ReferenceData {
    private static JsonObject root;

    private ReferenceData() {
    }

    static synchronized float[] get(String key) {
        if (root == null) {
            try (InputStream in = ReferenceData.class.getResourceAsStream("/image/reference.json")) {
                root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonArray a = root.getAsJsonArray(key);
        if (a == null) {
            throw new IllegalArgumentException("no reference '" + key + "'");
        }
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsFloat();
        }
        return out;
    }

    /** The generator's test input: value i is ((i·a) mod m)/100 - off, in float32. */
    static Planes ramp(int n, int c, int h, int w, int a, int m, double off) {
        float[] d = new float[n * c * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (((long) i * a % m) / 100.0 - off);
        }
        return new Planes(d, n, c, h, w);
    }

    static Planes clamp01(Planes p) {
        float[] d = p.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0f, Math.min(1f, d[i]));
        }
        return new Planes(d, p.n(), p.c(), p.h(), p.w());
    }
}
