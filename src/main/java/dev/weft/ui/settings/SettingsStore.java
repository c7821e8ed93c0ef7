package dev.weft.ui.settings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.workflow.JsonIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code settings.json} in the settings folder ({@code ~/.weft} unless the
 * system property {@value #FOLDER_PROPERTY} names another, which tests use). Writes are atomic. A
 * missing file gives the defaults; an unreadable one gives the defaults and a
 * {@link #problem()} to show the user, and is only replaced on the next save.
 */
public final class SettingsStore {
    /** System property naming the settings folder. */
    public static final String FOLDER_PROPERTY = "weft.settings.dir";
    static final String FILE = "settings.json";

    private final Path folder;
    private String problem;

    public SettingsStore(Path folder) {
        this.folder = folder;
    }

    /** {@value #FOLDER_PROPERTY} if set, else {@code ~/.weft}. */
    public static Path defaultFolder() {
        String p = System.getProperty(FOLDER_PROPERTY);
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".weft");
    }

    public Path folder() {
        return folder;
    }

    public Path file() {
        return folder.resolve(FILE);
    }

    /** Why the last {@link #load} fell back to defaults, if it did. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public Settings load() {
        problem = null;
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return Settings.DEFAULTS;
        }
        try {
            JsonElement root = JsonIo.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            if (!root.isJsonObject()) {
                throw new IOException(f + ": settings must be a JSON object");
            }
            return fromJson(root.getAsJsonObject());
        } catch (IOException | RuntimeException e) {
            problem = "Could not read the settings in " + f + " (" + e.getMessage()
                    + "); using defaults. Saving settings will replace the file.";
            return Settings.DEFAULTS;
        }
    }

    public void save(Settings s) throws IOException {
        Files.createDirectories(folder);
        JsonIo.writePretty(file(), toJson(s));
    }

    static JsonObject toJson(Settings s) {
        JsonObject o = new JsonObject();
        s.modelsFolder().ifPresent(p -> o.addProperty("modelsFolder", p.toString()));
        s.outputFolder().ifPresent(p -> o.addProperty("outputFolder", p.toString()));
        s.inputFolder().ifPresent(p -> o.addProperty("inputFolder", p.toString()));
        o.addProperty("theme", s.theme().key());
        JsonArray recent = new JsonArray();
        s.recentFiles().forEach(p -> recent.add(p.toString()));
        o.add("recentFiles", recent);
        o.addProperty("runOnChange", s.runOnChange());
        o.addProperty("minimap", s.minimap());
        return o;
    }

    static Settings fromJson(JsonObject o) {
        List<Path> recent = new ArrayList<>();
        if (o.has("recentFiles") && o.get("recentFiles").isJsonArray()) {
            for (JsonElement e : o.getAsJsonArray("recentFiles")) {
                path(e).ifPresent(recent::add);
            }
        }
        return new Settings(path(o.get("modelsFolder")), path(o.get("outputFolder")), path(o.get("inputFolder")),
                Theme.byKey(text(o.get("theme"), "dark")), recent, bool(o.get("runOnChange"), false),
                bool(o.get("minimap"), true));
    }

    private static Optional<Path> path(JsonElement e) {
        String t = text(e, "");
        if (t.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(t));
        } catch (InvalidPathException ex) {
            return Optional.empty();
        }
    }

    private static String text(JsonElement e, String fallback) {
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }

    private static boolean bool(JsonElement e, boolean fallback) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : fallback;
    }
}
