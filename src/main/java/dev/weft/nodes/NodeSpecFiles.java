package dev.weft.nodes;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads Weft's node specs: one JSON file per node type at
 * {@code nodes/<category>/<ClassType>.json}, each holding exactly one ComfyUI
 * {@code /object_info} entry (the object ComfyUI serves under the class name).
 *
 * <p>Every file must be strict JSON whose {@code name} equals the file name without
 * {@code .json} and whose {@code category} equals the folder path below {@code nodes/}
 * ({@code nodes/image/preprocessors/Canny.json} has category {@code image/preprocessors}), and no
 * class name may appear twice. Files not ending in {@code .json} are ignored. Anything else fails
 * with a {@link NodeSpecFileException} naming the file.
 *
 * <p>Numbers keep their exact text (Gson's lazily parsed numbers), so KSampler's seed maximum
 * 18446744073709551615 and {@code 8.0} versus {@code 8} survive a read and write unchanged.
 *
 * <p>Stateless and thread-safe; every call reads the files again and returns fresh objects the
 * caller owns.
 */
public final class NodeSpecFiles {
    /** Folder name of the specs, both at the project root and inside the jar. */
    public static final String FOLDER = "nodes";

    private static final String SUFFIX = ".json";

    private NodeSpecFiles() {
    }

    /**
     * Specs from {@code folder} when given (a user's edited copy, or the project's {@code nodes/}),
     * else the ones bundled on the class path.
     *
     * @return class name to spec entry, sorted by class name, unmodifiable
     */
    public static SortedMap<String, JsonObject> load(Optional<Path> folder) {
        return folder.isPresent() ? fromFolder(folder.get()) : bundled();
    }

    /** Specs from a {@code nodes/} folder on disk; see the class comment for the rules. */
    public static SortedMap<String, JsonObject> fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new NodeSpecFileException(folder.toAbsolutePath()
                    + ": no such folder; give the folder that holds the node spec files (e.g. nodes/)");
        }
        return readTree(folder, folder.toString());
    }

    /**
     * Specs bundled with Weft: the {@code nodes/} folder next to this class, which is
     * {@code target/classes/nodes} when run from the build and the {@code nodes/} entries of the jar
     * when run from {@code weft.jar}.
     */
    public static SortedMap<String, JsonObject> bundled() {
        CodeSource source = NodeSpecFiles.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new NodeSpecFileException("bundled node specs: the class path location of Weft is unknown;"
                    + " pass the nodes folder explicitly");
        }
        try {
            return fromCodeSource(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new NodeSpecFileException("bundled node specs: cannot read location " + source.getLocation(), e);
        }
    }

    /**
     * Specs under {@code nodes/} of a class path entry: a classes directory or a jar file.
     * Package-private so tests can point it at a jar they built.
     */
    static SortedMap<String, JsonObject> fromCodeSource(Path location) {
        if (Files.isDirectory(location)) {
            Path folder = location.resolve(FOLDER);
            if (!Files.isDirectory(folder)) {
                throw new NodeSpecFileException(folder + ": no bundled node specs here; the build copies nodes/ into"
                        + " target/classes, so run 'mvn process-resources' (or any later phase)");
            }
            return readTree(folder, folder.toString());
        }
        // A fresh file system per call: newFileSystem(Path) does not register it, so repeated or
        // concurrent calls never collide on FileSystemAlreadyExistsException.
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            Path folder = jar.getPath("/" + FOLDER);
            if (!Files.isDirectory(folder)) {
                throw new NodeSpecFileException(location + "!/" + FOLDER + ": the jar holds no node specs;"
                        + " rebuild it with 'mvn package'");
            }
            return readTree(folder, location + "!/" + FOLDER);
        } catch (IOException e) {
            throw new NodeSpecFileException(location + ": cannot open as a jar to read node specs: " + e.getMessage(), e);
        }
    }

    /**
     * Parses one spec file's text strictly (no comments, no trailing text, no single quotes).
     *
     * @param shownPath how the file is named in error messages
     */
    static JsonObject parse(String text, String shownPath) {
        JsonElement element;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new NodeSpecFileException(shownPath + ": text after the end of the JSON object; remove it");
            }
        } catch (JsonParseException | IOException e) {
            throw new NodeSpecFileException(shownPath + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!element.isJsonObject()) {
            throw new NodeSpecFileException(shownPath + ": must hold one JSON object (an /object_info entry)");
        }
        return element.getAsJsonObject();
    }

    private static SortedMap<String, JsonObject> readTree(Path folder, String shownFolder) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(SUFFIX))
                    .filter(Files::isRegularFile)
                    .forEach(files::add);
        } catch (IOException | UncheckedIOException e) {
            throw new NodeSpecFileException(shownFolder + ": cannot list node spec files: " + e.getMessage(), e);
        }
        Collections.sort(files);

        SortedMap<String, JsonObject> specs = new TreeMap<>();
        Map<String, String> fileOfName = new HashMap<>();
        for (Path file : files) {
            Path relative = folder.relativize(file);
            String shown = shownFolder + "/" + ComfyFileNames.slashJoined(relative);
            JsonObject entry = parse(read(file, shown), shown);

            String fileName = relative.getFileName().toString();
            String className = fileName.substring(0, fileName.length() - SUFFIX.length());
            String category = relative.getParent() == null ? "" : ComfyFileNames.slashJoined(relative.getParent());
            requireString(entry, "name", className, shown,
                    "the file name must be the node's class name; rename the file or fix \"name\"");
            requireString(entry, "category", category, shown,
                    "the folder must be the node's category; move the file or fix \"category\"");

            String earlier = fileOfName.putIfAbsent(className, shown);
            if (earlier != null) {
                throw new NodeSpecFileException(shown + ": node " + className + " is also defined in " + earlier
                        + "; keep one of the two files");
            }
            specs.put(className, entry);
        }
        return Collections.unmodifiableSortedMap(specs);
    }

    private static void requireString(JsonObject entry, String key, String expected, String shown, String fix) {
        JsonElement value = entry.get(key);
        boolean isString = value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
        if (!isString || !value.getAsString().equals(expected)) {
            throw new NodeSpecFileException(shown + ": \"" + key + "\" is " + (value == null ? "missing" : value)
                    + " but must be \"" + expected + "\"; " + fix);
        }
    }

    private static String read(Path file, String shown) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new NodeSpecFileException(shown + ": cannot read (it must be UTF-8 text): " + e, e);
        }
    }
}
