package dev.weft.workflow;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resource files. */
final class Resources {
    static final Path WORKFLOWS = Path.of("src/test/resources/workflows");

    private Resources() {
    }

    static Path workflow(String name) {
        return WORKFLOWS.resolve(name);
    }

    static String text(String name) {
        try {
            return Files.readString(workflow(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonElement json(String name) {
        try {
            return JsonIo.parse(text(name), name);
        } catch (WorkflowException e) {
            throw new IllegalStateException(e);
        }
    }
}
