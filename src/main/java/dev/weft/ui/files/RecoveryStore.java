package dev.weft.ui.files;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.workflow.JsonIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The crash-recovery copy of the open workflow: {@code recovery.json} in the settings folder,
 * written atomically after changes and removed when the editor closes cleanly (or the work is
 * saved), so finding one at start-up means the last session ended without saving. Thread-safe:
 * writes may come from a background thread.
 */
public final class RecoveryStore {
    static final String FILE = "recovery.json";

    private final Path folder;

    public RecoveryStore(Path folder) {
        this.folder = folder;
    }

    /**
     * @param workflow the UI workflow JSON
     * @param source the file the workflow belonged to, if any
     * @param savedAt when the copy was written
     */
    public record Recovery(JsonObject workflow, Optional<Path> source, Instant savedAt) {
    }

    public Path file() {
        return folder.resolve(FILE);
    }

    public synchronized void write(JsonObject workflow, Optional<Path> source, Instant at) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("savedAt", at.toString());
        source.ifPresent(p -> o.addProperty("source", p.toAbsolutePath().toString()));
        o.add("workflow", workflow);
        Files.createDirectories(folder);
        JsonIo.writeAtomically(file(), JsonIo.compact(o).getBytes(StandardCharsets.UTF_8));
    }

    /** The copy left by an earlier session, if there is a readable one. */
    public synchronized Optional<Recovery> read() {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonObject o = JsonIo.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()).getAsJsonObject();
            JsonElement src = o.get("source");
            return Optional.of(new Recovery(o.getAsJsonObject("workflow"),
                    src == null ? Optional.empty() : Optional.of(Path.of(src.getAsString())),
                    Instant.parse(o.get("savedAt").getAsString())));
        } catch (IOException | RuntimeException e) {
            // a half-written copy cannot happen (writes are atomic); an unreadable one is worthless
            return Optional.empty();
        }
    }

    public synchronized void clear() throws IOException {
        Files.deleteIfExists(file());
    }
}
