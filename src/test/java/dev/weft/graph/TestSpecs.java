package dev.weft.graph;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The small object_info of test specs in src/test/resources/specs/object_info.json. */
public final class TestSpecs {
    private TestSpecs() {
    }

    public static JsonObject objectInfo() {
        try (Reader r = new InputStreamReader(TestSpecs.class.getResourceAsStream("/specs/object_info.json"),
                StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NodeSpec spec(String type) {
        return NodeSpec.parse(type, objectInfo().getAsJsonObject(type));
    }

    public static NodeSpecs all() {
        List<NodeSpec> specs = new ArrayList<>();
        for (Map.Entry<String, com.google.gson.JsonElement> e : objectInfo().entrySet()) {
            specs.add(NodeSpec.parse(e.getKey(), e.getValue().getAsJsonObject()));
        }
        return NodeSpecs.of(specs);
    }
}
