package dev.weft.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The editor's logic stays below JavaFX: geometry, interaction, editor state, runs, files and
 * settings compile without it, so they are tested without an FX thread. Checked on the class
 * files (a class that uses JavaFX names {@code javafx/...} in its constant pool).
 */
class UiLayersTest {
    static final Path CLASSES = Path.of("target/classes/dev/weft/ui");
    static final List<String> FX_FREE = List.of("canvas", "model", "run", "files", "settings");

    @Test
    void logicPackagesDoNotUseJavaFx() throws IOException {
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        for (String pkg : FX_FREE) {
            try (Stream<Path> files = Files.list(CLASSES.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    checked++;
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    if (bytes.contains("javafx/")) {
                        offenders.add(pkg + "/" + f.getFileName());
                    }
                }
            }
        }
        assertTrue(checked > 40, "expected the logic classes under " + CLASSES + ", found " + checked);
        assertEquals(List.of(), offenders);
    }

    @Test
    void theModelLayersBelowTheEditorDoNotUseIt() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String pkg : List.of("graph", "workflow", "nodes", "exec")) {
            Path dir = Path.of("target/classes/dev/weft").resolve(pkg);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    if (bytes.contains("dev/weft/ui/") || bytes.contains("javafx/")) {
                        offenders.add(dir.relativize(f).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
