package dev.weft.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSpecFilesTest {
    private static final List<String> NODE_TYPES = List.of(
            "CLIPSetLastLayer", "CLIPTextEncode", "Canny", "CheckpointLoaderSimple", "ControlNetApply",
            "ControlNetApplyAdvanced", "ControlNetLoader", "EmptyLatentImage", "ImageScale", "KSampler",
            "KSamplerAdvanced", "LatentUpscale", "LoadImage", "LoraLoader", "LoraLoaderModelOnly", "LoraStack",
            "Note", "PreviewImage", "PrimitiveNode", "Reroute", "RescaleCFG", "SaveImage", "VAEDecode",
            "VAEDecodeTiled", "VAEEncode", "VAEEncodeTiled", "VAELoader");

    private static final List<String> OBJECT_INFO_KEYS = List.of("input", "input_order", "output", "output_is_list",
            "output_name", "name", "display_name", "description", "python_module", "category", "output_node",
            "output_tooltips");

    @TempDir
    Path temp;

    @Test
    void projectFolderHoldsExactlyTheRequiredNodeTypesSortedByName() {
        assertEquals(NODE_TYPES, new ArrayList<>(SpecJson.specs().keySet()));
    }

    @Test
    void bundledCopyOnTheClassPathEqualsTheProjectFolder() {
        SortedMap<String, JsonObject> bundled = NodeSpecFiles.bundled();
        assertEquals(SpecJson.specs(), bundled);
        assertEquals(SpecJson.text(SpecJson.spec("KSampler")), SpecJson.text(bundled.get("KSampler")));
        assertEquals(bundled, NodeSpecFiles.load(Optional.empty()));
    }

    @Test
    void specsAreReadFromInsideAJar() throws IOException {
        Path jar = temp.resolve("weft.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(SpecJson.PROJECT_NODES)) {
            zip.putNextEntry(new ZipEntry("dev/weft/Other.class"));
            zip.closeEntry();
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = "nodes/" + ComfyFileNames.slashJoined(SpecJson.PROJECT_NODES.relativize(file));
                zip.putNextEntry(new ZipEntry(name));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        assertEquals(SpecJson.specs(), NodeSpecFiles.fromCodeSource(jar));
        // A second read must not trip over a jar file system left open by the first.
        assertEquals(SpecJson.specs().keySet(), NodeSpecFiles.fromCodeSource(jar).keySet());
    }

    @Test
    void everyEntryHasTheObjectInfoKeysAndOneNameTypeAndTooltipPerOutput() {
        SpecJson.specs().forEach((name, spec) -> {
            for (String key : OBJECT_INFO_KEYS) {
                assertTrue(spec.has(key), name + " lacks " + key);
            }
            int outputs = spec.getAsJsonArray("output").size();
            assertEquals(outputs, spec.getAsJsonArray("output_is_list").size(), name);
            assertEquals(outputs, spec.getAsJsonArray("output_name").size(), name);
            assertEquals(outputs, spec.getAsJsonArray("output_tooltips").size(), name);
            assertFalse(spec.get("description").getAsString().isBlank(), name + " needs a description");
        });
    }

    @Test
    void inputOrderListsExactlyTheInputsOfEachSectionInFileOrder() {
        SpecJson.specs().forEach((name, spec) -> {
            JsonObject input = spec.getAsJsonObject("input");
            JsonObject order = spec.getAsJsonObject("input_order");
            assertEquals(input.keySet(), order.keySet(), name + ": input_order sections");
            for (String section : input.keySet()) {
                List<String> listed = new ArrayList<>();
                order.getAsJsonArray(section).forEach(e -> listed.add(e.getAsString()));
                assertEquals(new ArrayList<>(input.getAsJsonObject(section).keySet()), listed, name + "." + section);
            }
        });
    }

    @Test
    void everyInputIsTypeAndOptionsAndEveryHiddenInputIsATypeName() {
        SpecJson.specs().forEach((name, spec) -> spec.getAsJsonObject("input").entrySet().forEach(section -> {
            for (Map.Entry<String, JsonElement> in : section.getValue().getAsJsonObject().entrySet()) {
                String where = name + "." + in.getKey();
                if (section.getKey().equals("hidden")) {
                    assertTrue(in.getValue().getAsJsonPrimitive().isString(), where);
                    continue;
                }
                JsonArray pair = in.getValue().getAsJsonArray();
                assertEquals(2, pair.size(), where);
                JsonElement type = pair.get(0);
                assertTrue(type.isJsonArray() || type.getAsJsonPrimitive().isString(), where);
                assertTrue(pair.get(1).getAsJsonObject().has("tooltip"), where + " needs a tooltip");
            }
        }));
    }

    @Test
    void onlyTheFrontendNodesAreMarkedVirtual() {
        Set<String> virtual = Set.of("Note", "Reroute", "PrimitiveNode");
        SpecJson.specs().forEach((name, spec) -> {
            boolean marked = spec.has("virtual") && spec.get("virtual").getAsBoolean();
            assertEquals(virtual.contains(name), marked, name);
        });
    }

    @Test
    void seedMaximumSurvivesParseAndWriteDigitForDigit() {
        JsonObject seed = SpecJson.input(SpecJson.spec("KSampler"), "seed").get(1).getAsJsonObject();
        assertEquals(new BigInteger("18446744073709551615"), seed.get("max").getAsBigInteger());
        assertTrue(SpecJson.text(seed).contains("\"max\":18446744073709551615,"));
        JsonObject reparsed = NodeSpecFiles.parse(SpecJson.text(SpecJson.spec("KSampler")), "round trip");
        JsonObject again = SpecJson.input(reparsed, "seed").get(1).getAsJsonObject();
        assertEquals("18446744073709551615", again.get("max").getAsString());
        // Floats keep their written form too, so 8.0 is not rewritten as 8.
        assertTrue(SpecJson.text(SpecJson.input(reparsed, "cfg")).contains("\"default\":8.0,"));
    }

    @Test
    void malformedJsonIsReportedWithTheFilePath() throws IOException {
        Path file = write("sampling/KSampler.json", "{\"name\": \"KSampler\", \"category\": \"sampling\",}");
        NodeSpecFileException e = assertThrows(NodeSpecFileException.class, () -> NodeSpecFiles.fromFolder(temp));
        assertTrue(e.getMessage().startsWith(temp + "/sampling/KSampler.json: not valid JSON"), e.getMessage());
        Files.writeString(file, "{\"name\": \"KSampler\", \"category\": \"sampling\"} trailing");
        e = assertThrows(NodeSpecFileException.class, () -> NodeSpecFiles.fromFolder(temp));
        assertTrue(e.getMessage().startsWith(temp + "/sampling/KSampler.json: "), e.getMessage());
        Files.writeString(file, "// comment\n{\"name\": \"KSampler\", \"category\": \"sampling\"}");
        e = assertThrows(NodeSpecFileException.class, () -> NodeSpecFiles.fromFolder(temp));
        assertTrue(e.getMessage().contains("KSampler.json: not valid JSON"), e.getMessage());
    }

    @Test
    void nameThatDiffersFromTheFileNameIsRejected() throws IOException {
        write("sampling/KSampler.json", "{\"name\": \"KSampler2\", \"category\": \"sampling\"}");
        NodeSpecFileException e = assertThrows(NodeSpecFileException.class, () -> NodeSpecFiles.fromFolder(temp));
        assertEquals(temp + "/sampling/KSampler.json: \"name\" is \"KSampler2\" but must be \"KSampler\";"
                + " the file name must be the node's class name; rename the file or fix \"name\"", e.getMessage());
    }

    @Test
    void categoryThatDiffersFromTheFolderIsRejected() throws IOException {
        write("image/Canny.json", "{\"name\": \"Canny\", \"category\": \"image/preprocessors\"}");
        NodeSpecFileException e = assertThrows(NodeSpecFileException.class, () -> NodeSpecFiles.fromFolder(temp));
        assertTrue(e.getMessage().startsWith(temp + "/image/Canny.json: \"category\" is \"image/preprocessors\""
                + " but must be \"image\""), e.getMessage());
    }

    @Test
    void sameClassInTwoFoldersIsRejectedNamingBothFiles() throws IOException {
        write("a/X.json", "{\"name\": \"X\", \"category\": \"a\"}");
        write("b/X.json", "{\"name\": \"X\", \"category\": \"b\"}");
        NodeSpecFileException e = assertThrows(NodeSpecFileException.class, () -> NodeSpecFiles.fromFolder(temp));
        assertEquals(temp + "/b/X.json: node X is also defined in " + temp + "/a/X.json; keep one of the two files",
                e.getMessage());
    }

    @Test
    void fileThatIsNotAnObjectOrFolderThatIsMissingIsRejected() throws IOException {
        write("a/X.json", "[1, 2]");
        assertTrue(assertThrows(NodeSpecFileException.class, () -> NodeSpecFiles.fromFolder(temp)).getMessage()
                .endsWith("a/X.json: must hold one JSON object (an /object_info entry)"));
        Path missing = temp.resolve("nope");
        assertTrue(assertThrows(NodeSpecFileException.class, () -> NodeSpecFiles.fromFolder(missing)).getMessage()
                .startsWith(missing + ": no such folder"));
    }

    @Test
    void filesOtherThanJsonAreIgnored() throws IOException {
        write("README.md", "not a spec");
        write("utils/Y.json", "{\"name\": \"Y\", \"category\": \"utils\"}");
        assertEquals(Set.of("Y"), NodeSpecFiles.fromFolder(temp).keySet());
    }

    private Path write(String relative, String text) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return file;
    }
}
